using System.Text;
using Casefile.Model;
using Casefile.Pipeline;

namespace Casefile.Ingest;

/// <summary>Bytes to text: BOM-detected UTF-8/16/32, else strict UTF-8; invalid UTF-8 is decoded with U+FFFD and a CF1101 warning; binary is refused (CF1002).</summary>
public static class TextDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly UTF8Encoding LenientUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public static string Decode(ReadOnlySpan<byte> bytes, string source, List<Warning> warnings)
    {
        ArgumentNullException.ThrowIfNull(warnings);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]))
        {
            return new UTF32Encoding(bigEndian: false, byteOrderMark: true).GetString(bytes[4..]);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Encoding.Unicode.GetString(bytes[2..]);
        }
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Encoding.BigEndianUnicode.GetString(bytes[2..]);
        }

        if (LooksBinary(bytes))
        {
            throw new CasefileException(ErrorCodes.BinaryInput,
                $"{source} looks like a binary file (NUL or control bytes), not text. Give a .txt, .html or .jsonl file; UTF-16 text needs a byte order mark.");
        }

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            warnings.Add(new Warning(ErrorCodes.InvalidUtf8,
                $"{source} is not valid UTF-8 (first bad byte at offset {e.Index}); bad bytes were replaced by U+FFFD. Re-save the file as UTF-8 for exact text."));
            return LenientUtf8.GetString(bytes);
        }
    }

    /// <summary>NUL bytes, or many C0 control bytes other than tab/CR/LF/FF, in the first 8 KiB.</summary>
    public static bool LooksBinary(ReadOnlySpan<byte> bytes)
    {
        var head = bytes[..Math.Min(bytes.Length, 8192)];
        if (head.IndexOf((byte)0) >= 0)
        {
            return true;
        }

        var control = 0;
        foreach (var b in head)
        {
            if (b < 0x20 && b is not (0x09 or 0x0A or 0x0D or 0x0C or 0x1B))
            {
                control++;
            }
        }

        return head.Length > 0 && control * 20 > head.Length;
    }
}
