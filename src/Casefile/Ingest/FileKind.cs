using System.Runtime.InteropServices;

namespace Casefile.Ingest;

/// <summary>
/// What a path is on Linux: a regular file, a directory, or something else (a FIFO, socket or device), which
/// would block or never end when read. .NET reports all of them as <see cref="FileAttributes.Normal"/>, so this
/// asks the C library's <c>stat</c>. On other systems, or when the call is unavailable, every file counts as regular.
/// </summary>
internal static class FileKind
{
    private const uint TypeMask = 0xF000;
    private const uint Regular = 0x8000;
    private const uint Directory = 0x4000;

    [DllImport("libc", EntryPoint = "stat", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Stat(string path, byte[] buffer);

    /// <summary>False for a FIFO, socket or device; true for a regular file, a directory, or when it cannot be told.</summary>
    public static bool IsRegularOrDirectory(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return true;
        }

        // struct stat: st_mode is at offset 24 on x86-64 (st_dev, st_ino, st_nlink before it) and 16 on arm64.
        var offset = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => 24,
            Architecture.Arm64 => 16,
            _ => -1,
        };
        if (offset < 0)
        {
            return true;
        }

        var buffer = new byte[256];
        try
        {
            if (Stat(path, buffer) != 0)
            {
                return true;
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or ArgumentException)
        {
            return true;
        }

        var mode = BitConverter.ToUInt32(buffer, offset) & TypeMask;
        return mode is Regular or Directory;
    }

    /// <summary>
    /// True when standard input was closed by the caller (<c>casefile analyze - &lt;&amp;-</c>): the runtime then
    /// reuses descriptor 0 for a pipe of its own, whose other end this process holds, and reading it waits forever.
    /// </summary>
    public static bool StdinIsClosed()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            var zero = new FileInfo("/proc/self/fd/0").LinkTarget;
            if (zero is null)
            {
                return false;
            }

            if (!zero.StartsWith("pipe:", StringComparison.Ordinal) && !zero.StartsWith("anon_inode:", StringComparison.Ordinal))
            {
                return false;
            }

            // Copies of a real standard input are read ends too; only the runtime's own pipe has its write end here.
            foreach (var fd in System.IO.Directory.EnumerateFileSystemEntries("/proc/self/fd"))
            {
                var name = Path.GetFileName(fd);
                if (name != "0" && new FileInfo(fd).LinkTarget == zero && OpenForWriting(name))
                {
                    return true;
                }
            }

            return zero.StartsWith("anon_inode:", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Whether descriptor <paramref name="fd"/> was opened write-only or read-write ("flags:" in /proc/self/fdinfo, octal).</summary>
    private static bool OpenForWriting(string fd)
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/fdinfo/" + fd))
            {
                if (line.StartsWith("flags:", StringComparison.Ordinal))
                {
                    var octal = line["flags:".Length..].Trim();
                    return octal.Length > 0 && (octal[^1] - '0') % 4 is 1 or 2;
                }
            }

            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
