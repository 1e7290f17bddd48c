using Survival.IO;
using Survival.Tests.Shared;
using Xunit;

namespace Survival.Tests.IO;

/// <summary>Files are written whole or not at all: a writer that fails half-way leaves the previous file as it was and no
/// temporary file behind; a missing or unwritable folder is a clear error before anything is written.</summary>
public sealed class AtomicFileTests : IDisposable
{
    private readonly TempFolder _folder = new("survival-atomic-");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_complete_write_replaces_the_file_and_leaves_nothing_else()
    {
        string path = _folder.File("report.md");
        File.WriteAllText(path, "old");
        AtomicFile.WriteAllText(path, "new ünïcode\n");
        Assert.Equal("new ünïcode\n", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_folder.Path));
        Assert.False(File.ReadAllBytes(path).AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }), "no byte-order mark");
    }

    [Fact]
    public void A_writer_that_fails_half_way_leaves_the_previous_file_and_no_partial_file()
    {
        string path = _folder.File("endpoints.csv");
        File.WriteAllText(path, "id,pfs\n1,2\n");
        var failure = Assert.Throws<IOException>(() => AtomicFile.WriteText(path, w =>
        {
            w.WriteLine("id,pfs");
            w.Flush();
            throw new IOException("No space left on device");
        }));
        Assert.Equal("No space left on device", failure.Message);
        Assert.Equal("id,pfs\n1,2\n", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_folder.Path));
    }

    [Fact]
    public void A_failed_first_write_leaves_no_file_at_all()
    {
        string path = _folder.File("figure.png");
        Assert.Throws<OperationCanceledException>(() => AtomicFile.Write(path, temporary =>
        {
            Assert.Equal(".png", Path.GetExtension(temporary));
            Assert.Equal(_folder.Path, Path.GetDirectoryName(temporary));
            File.WriteAllBytes(temporary, [1, 2, 3]);
            throw new OperationCanceledException();
        }));
        Assert.Empty(Directory.GetFiles(_folder.Path));
    }

    [Fact]
    public void A_missing_folder_is_an_error_naming_it()
    {
        string missing = _folder.File(Path.Combine("no", "such"));
        var e = Assert.Throws<SurvivalInputException>(() => AtomicFile.WriteAllText(Path.Combine(missing, "x.csv"), "x"));
        Assert.Contains("does not exist", e.Message);
        Assert.Contains(missing, e.Message);
        var check = Assert.Throws<SurvivalInputException>(() => AtomicFile.CheckFolderWritable(missing, "--out"));
        Assert.Contains("--out", check.Message);
        AtomicFile.CheckFolderWritable(_folder.Path, "--out");
        Assert.Empty(Directory.GetFiles(_folder.Path));
    }

    [Fact]
    public void A_folder_that_cannot_be_written_is_an_error_before_any_work()
    {
        // /proc takes no new files, even from root (chmod would not stop root, which runs CI).
        if (!OperatingSystem.IsLinux() || !Directory.Exists("/proc/self")) return;
        var e = Assert.Throws<SurvivalInputException>(() => AtomicFile.CheckFolderWritable("/proc", "--out"));
        Assert.Contains("cannot be written", e.Message);
        Assert.Contains("--out", e.Message);
    }
}
