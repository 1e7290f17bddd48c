namespace Survival.Tests.Shared;

/// <summary>A folder of the test's own under the system's temporary folder, deleted with everything in it when the test
/// class is disposed. Linked into each test project that writes files.</summary>
internal sealed class TempFolder : IDisposable
{
    /// <summary>Makes the folder, its name starting with <paramref name="prefix"/>.</summary>
    public TempFolder(string prefix) => Path = Directory.CreateTempSubdirectory(prefix).FullName;

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>A path inside the folder.</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Deletes the folder and its contents.</summary>
    public void Dispose() => Directory.Delete(Path, recursive: true);
}
