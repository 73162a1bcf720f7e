using System.Globalization;
using System.Text;

namespace Casefile.Fuzz;

/// <summary>Text as a C# string literal: printable ASCII as is, everything else as \uXXXX (so lone surrogates,
/// controls and invisible characters are visible and can be pasted into a test).</summary>
public static class Escape
{
    public static string Literal(string text, int maxChars = int.MaxValue)
    {
        var sb = new StringBuilder("\"");
        var n = Math.Min(text.Length, maxChars);
        for (var i = 0; i < n; i++)
        {
            var c = text[i];
            sb.Append(c switch
            {
                '\\' => "\\\\",
                '"' => "\\\"",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\0' => "\\0",
                >= ' ' and < (char)0x7F => c.ToString(),
                _ => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
            });
        }

        sb.Append('"');
        if (n < text.Length)
        {
            sb.Append(CultureInfo.InvariantCulture, $" /* … {text.Length - n} more chars */");
        }

        return sb.ToString();
    }
}
