namespace Survival.IO;

/// <summary>
/// Files written whole or not at all: the content goes to a temporary file in the same folder, which is renamed over the
/// target only when it is complete, so a failure, a full disk or a cancellation never leaves half a file (and never
/// destroys the previous file). Used by every figure, report and data file the packages, the command line and the
/// samples write.
/// </summary>
/// <remarks>A rename within one folder is atomic on the file systems .NET supports (POSIX <c>rename</c>, NTFS
/// <c>MoveFileEx</c> with replace). The temporary file keeps the target's extension (writers such as ScottPlot choose
/// the format by it) and starts with a dot so a directory listing does not show it as a result. Written by hand because
/// the BCL has no atomic-replace helper.</remarks>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> by calling <paramref name="write"/> with a temporary path in the same
    /// folder, then renaming that file over <paramref name="path"/>; on any exception the temporary file is deleted and
    /// the target is left as it was.</summary>
    /// <param name="path">The file to write.</param>
    /// <param name="write">Writes the whole content to the path it is given.</param>
    /// <exception cref="SurvivalInputException">The folder does not exist.</exception>
    public static void Write(string path, Action<string> write)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(write);
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full) ?? ".";
        if (!Directory.Exists(folder)) throw new SurvivalInputException("the output folder does not exist", file: path, value: folder);
        string temporary = Path.Combine(folder, $".{Path.GetFileNameWithoutExtension(full)}.{Guid.NewGuid():N}.partial{Path.GetExtension(full)}");
        try
        {
            write(temporary);
            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            try { File.Delete(temporary); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw;
        }
    }

    /// <summary>Writes text (UTF-8 without a byte-order mark) whole or not at all.</summary>
    /// <param name="path">The file to write.</param>
    /// <param name="text">The content.</param>
    public static void WriteAllText(string path, string text) =>
        Write(path, temporary => File.WriteAllText(temporary, text, new System.Text.UTF8Encoding(false)));

    /// <summary>Writes through a <see cref="TextWriter"/> (UTF-8 without a byte-order mark, "\n" line ends) whole or not at all.</summary>
    /// <param name="path">The file to write.</param>
    /// <param name="write">Writes the content.</param>
    public static void WriteText(string path, Action<TextWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        Write(path, temporary =>
        {
            using var writer = new StreamWriter(temporary, false, new System.Text.UTF8Encoding(false)) { NewLine = "\n" };
            write(writer);
        });
    }

    /// <summary>Checks, before any work is done, that files can be written into <paramref name="folder"/>: it exists and a
    /// file can be created there (one is created and deleted).</summary>
    /// <param name="folder">The folder.</param>
    /// <param name="option">The option or argument that named it, for the message.</param>
    /// <exception cref="SurvivalInputException">The folder does not exist or cannot be written, naming it.</exception>
    public static void CheckFolderWritable(string folder, string option)
    {
        ArgumentNullException.ThrowIfNull(folder);
        string full = Path.GetFullPath(string.IsNullOrEmpty(folder) ? "." : folder);
        if (!Directory.Exists(full)) throw new SurvivalInputException("the output folder does not exist", column: option, value: full);
        string probe = Path.Combine(full, $".survival-write-check.{Guid.NewGuid():N}");
        try
        {
            using (File.Create(probe, 1, FileOptions.DeleteOnClose)) { }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SurvivalInputException($"the output folder cannot be written ({e.Message})", column: option, value: full);
        }
    }

    /// <summary>Checks that the folder of the file <paramref name="path"/> exists and can be written (see
    /// <see cref="CheckFolderWritable"/>).</summary>
    /// <param name="path">The output file.</param>
    /// <param name="option">The option that named it.</param>
    public static void CheckFileWritable(string path, string option)
    {
        ArgumentNullException.ThrowIfNull(path);
        CheckFolderWritable(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", option);
    }
}
