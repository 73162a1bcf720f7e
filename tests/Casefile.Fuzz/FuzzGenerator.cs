using System.Globalization;
using System.Text;

namespace Casefile.Fuzz;

/// <summary>Makes input <c>index</c> of campaign <c>seed</c>, always the same one: every input has its own
/// <see cref="Random"/> seeded by <see cref="SeedMix.Of"/>. Kinds: mutations of samples and real articles, random
/// Unicode, token soups over the lexicons (a third of them 1–6 tokens), pathological shapes, and about 15 % HTML.</summary>
public sealed class FuzzGenerator
{
    /// <summary>Inputs are kept under about this many characters so a campaign stays fast.</summary>
    public const int MaxChars = 20_000;

    private static readonly string[] Pronouns = ["he", "she", "they", "it", "He", "She", "They", "It", "him", "her", "his", "them", "their", "its", "He's", "they'd"];
    private static readonly string[] Titles = ["Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "Gen.", "Mr", "Dr", "President", "Judge", "Sen.", "St.", "Lt. Col."];
    private static readonly string[] Quotes = ["“", "”", "\"", "'", "«", "»", "‘", "’", "„", "‹", "›", "``", "''"];
    private static readonly string[] Brackets = ["(", ")", "[", "]", "{", "}", "<", ">", "((", "))", "(a)", "(1)", "[sic]"];
    private static readonly string[] Punctuation = [".", ",", ";", ":", "!", "?", "...", "…", "-", "–", "—", "/", "\\", "%", "&", "*", "#", "@", "$", "€", "£", "₸", "·", "..", "?!", ".,", "'s", "’s", "n't"];
    private static readonly string[] Glue = ["the", "of", "a", "and", "was", "were", "who", "that", "to", "in", "on", "by", "for", "from", "as", "at", "with", "not", "had", "has", "is", "been", "which", "than", "ago", "later", "served as", "was appointed", "paid", "wired", "Transferred", "sentenced to", "years", "days"];
    private static readonly string[] Syllables = ["an", "na", "pe", "tro", "va", "ser", "gei", "vol", "kov", "ar", "len", "be", "ri", "sa", "mat", "er", "ga", "li", "ev", "ka", "zy", "mo", "du", "shi", "ol", "ga", "ny", "ra", "o", "ba"];
    private static readonly string[] Fixed = ["1,000,000", "3.5m", "$2bn", "1/2", "-5", "9999", "0001", "0", "00", "1.5", "1.000.000,50", "12%", "1e9", "99999999999999999999", "0.0000001", "2023-04-24", "24.04.2023", "10:30", "1990s", "'90s", "No. 5", "#3", "€3.5 billion", "3-4", "1-2 million", "½", "²", "٣٤", "１２３", "-0", "+7", "1,5", "1,,000", "$.5", "£-3", "2,147,483,648", "9223372036854775808", "1st", "22nd", "XIV", "24/7", "3x", "4.5.6", "0x1F", "5'11\"", "$1,000.00bn", "1 000 000", "10^6", "100,000,000,000,000,000,000"];

    private readonly FuzzCorpus _corpus;

    private readonly bool _extremeDates;

    /// <param name="extremeDates">False: 0001-01-01 and 9999-12-31 become 2024-03-20 (same texts otherwise), to look past date crashers.</param>
    public FuzzGenerator(FuzzCorpus corpus, bool extremeDates = true)
    {
        _corpus = corpus;
        _extremeDates = extremeDates;
    }

    public FuzzInput Generate(long seed, long index)
    {
        var rng = new Random(SeedMix.Of(seed, index));
        var published = Date(rng);
        if (!_extremeDates && (published == DateOnly.MinValue || published == DateOnly.MaxValue))
        {
            published = new DateOnly(2024, 3, 20);
        }

        var roll = rng.Next(100);
        string kind;
        string text;
        if (roll < 15)
        {
            (kind, text) = HtmlInput(rng);
            text = Cap(text);
            return new FuzzInput(seed, index, kind, text, published, HtmlBytes(rng, text)) { ExtremeDates = _extremeDates };
        }

        (kind, text) = roll switch
        {
            < 42 => Mutated(rng),
            < 55 => ("unicode", Unicode(rng, rng.Next(4) == 0 ? rng.Next(1, 20) : rng.Next(1, 3000))),
            < 85 => Soup(rng),
            _ => Shape(rng),
        };
        return new FuzzInput(seed, index, kind, Cap(text), published, null) { ExtremeDates = _extremeDates };
    }

    private static string Cap(string text) => text.Length <= MaxChars ? text : text[..MaxChars];

    /// <summary>None, an ordinary date, 0001-01-01 or 9999-12-31, each often.</summary>
    private static DateOnly? Date(Random rng) => rng.Next(4) switch
    {
        0 => null,
        1 => new DateOnly(rng.Next(1900, 2040), rng.Next(1, 13), rng.Next(1, 29)),
        2 => DateOnly.MinValue,
        _ => DateOnly.MaxValue,
    };

    private static T Pick<T>(Random rng, IReadOnlyList<T> items) => items[rng.Next(items.Count)];

    // ---------------------------------------------------------------- mutations

    private (string, string) Mutated(Random rng)
    {
        var fromWikinews = _corpus.Wikinews.Count > 0 && rng.Next(2) == 0;
        var source = fromWikinews ? "wikinews" : "sample";
        var text = Pick(rng, fromWikinews ? _corpus.Wikinews : _corpus.Texts);
        // Often only a window of a few sentences: small inputs are fast and easy to read when they fail.
        if (rng.Next(2) == 0)
        {
            text = Window(rng, text);
            source += "-window";
        }

        var ops = rng.Next(1, 7);
        for (var i = 0; i < ops; i++)
        {
            text = Mutate(rng, text);
        }

        return ("mutate/" + source, text);
    }

    private static string Window(Random rng, string text)
    {
        var start = rng.Next(text.Length);
        while (start > 0 && text[start - 1] != '.' && text[start - 1] != '\n')
        {
            start--;
        }

        var end = start;
        var sentences = rng.Next(1, 5);
        while (end < text.Length && sentences > 0)
        {
            if (text[end] is '.' or '\n')
            {
                sentences--;
            }

            end++;
        }

        return text[start..end];
    }

    private string Mutate(Random rng, string text)
    {
        if (text.Length == 0)
        {
            return Token(rng);
        }

        var i = rng.Next(text.Length + 1);
        var len = Math.Min(text.Length - Math.Min(i, text.Length), rng.Next(4) == 0 ? rng.Next(1, 400) : rng.Next(1, 12));
        switch (rng.Next(10))
        {
            case 0: // flip a bit of a char (may make surrogates, controls, anything)
            {
                var k = Math.Min(i, text.Length - 1);
                var c = (char)(text[k] ^ (1 << rng.Next(16)));
                return string.Concat(text.AsSpan(0, k), c.ToString(), text.AsSpan(k + 1));
            }
            case 1: // delete a range
                return text.Remove(Math.Min(i, text.Length), len);
            case 2: // duplicate a range
            {
                var at = Math.Min(i, text.Length);
                var piece = text.Substring(at, len);
                var times = rng.Next(1, 4);
                return text.Insert(rng.Next(text.Length + 1), string.Concat(Enumerable.Repeat(piece, times)));
            }
            case 3: // splice with another text
            {
                var other = Pick(rng, rng.Next(2) == 0 || _corpus.Wikinews.Count == 0 ? _corpus.Texts : _corpus.Wikinews);
                var a = rng.Next(text.Length + 1);
                var b = rng.Next(other.Length + 1);
                return rng.Next(2) == 0 ? text[..a] + other[b..] : other[..b] + text[a..];
            }
            case 4: // truncate
                return rng.Next(2) == 0 ? text[..Math.Min(i, text.Length)] : text[Math.Min(i, text.Length)..];
            case 5: // punctuation, newlines, quotes, brackets
            {
                var sb = new StringBuilder(text);
                var n = rng.Next(1, 6);
                for (var j = 0; j < n; j++)
                {
                    var what = rng.Next(5) switch
                    {
                        0 => Pick(rng, Quotes),
                        1 => Pick(rng, Brackets),
                        2 => rng.Next(3) == 0 ? "\n\n" : "\n",
                        3 => rng.Next(2) == 0 ? "\r\n" : " ",
                        _ => Pick(rng, Punctuation),
                    };
                    sb.Insert(rng.Next(sb.Length + 1), what);
                }

                return sb.ToString();
            }
            case 6: // a lexicon word, number or name in the middle
                return text.Insert(WordBoundary(rng, text), " " + Token(rng) + " ");
            case 7: // random Unicode in the middle
                return text.Insert(Math.Min(i, text.Length), Unicode(rng, rng.Next(1, 8)));
            case 8: // change case of a range
            {
                var at = Math.Min(i, text.Length);
                var piece = text.Substring(at, len);
                piece = rng.Next(2) == 0 ? piece.ToUpperInvariant() : piece.ToLowerInvariant();
                return string.Concat(text.AsSpan(0, at), piece, text.AsSpan(at + len));
            }
            default: // swap two ranges' order: move a range elsewhere
            {
                var at = Math.Min(i, text.Length);
                var piece = text.Substring(at, len);
                var rest = text.Remove(at, len);
                return rest.Insert(rng.Next(rest.Length + 1), piece);
            }
        }
    }

    private static int WordBoundary(Random rng, string text)
    {
        var i = rng.Next(text.Length + 1);
        while (i < text.Length && !char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i;
    }

    // ---------------------------------------------------------------- random Unicode

    public static string Unicode(Random rng, int length)
    {
        var sb = new StringBuilder();
        while (sb.Length < length)
        {
            switch (rng.Next(16))
            {
                case 0: sb.Append((char)(rng.Next(2) == 0 ? rng.Next(0, 32) : rng.Next(127, 160))); break; // C0/C1 controls
                case 1: sb.Append((char)rng.Next(0xD800, 0xDC00)); break; // lone high surrogate
                case 2: sb.Append((char)rng.Next(0xDC00, 0xE000)); break; // lone low surrogate
                case 3: sb.Append((char)rng.Next('a', 'z' + 1)).Append((char)rng.Next(0x300, 0x370), rng.Next(1, 6)); break; // combining marks
                case 4: sb.Append(Pick(rng, new[] { "\u202E", "\u202B", "\u200F", "\u2067", "\u061C" })).Append((char)rng.Next(0x5D0, 0x5EB)).Append((char)rng.Next(0x620, 0x64B)); break; // RTL
                case 5: sb.Append(Pick(rng, new[] { "\u200B", "\u200C", "\u200D", "\uFEFF", "\u2060", "\u00AD", "\u180E" })); break; // zero-width
                case 6: sb.Append('\0'); break;
                case 7: sb.Append('\uFFFD'); break;
                case 8: sb.Append(char.ConvertFromUtf32(rng.Next(0x1F300, 0x1FAFF))); if (rng.Next(3) == 0) { sb.Append('\u200D').Append(char.ConvertFromUtf32(rng.Next(0x1F466, 0x1F46A))); } break; // emoji
                case 9: for (var i = rng.Next(1, 8); i > 0; i--) { sb.Append((char)rng.Next(0x4E00, 0xA000)); } break; // CJK
                case 10: if (rng.Next(2) == 0) { sb.Append((char)rng.Next(0x410, 0x430)); } for (var i = rng.Next(1, 10); i > 0; i--) { sb.Append((char)rng.Next(0x430, 0x450)); } break; // Cyrillic word
                case 11: sb.Append((char)rng.Next('A', 'Z' + 1)).Append((char)rng.Next('a', 'z' + 1), rng.Next(200, 3000)); break; // very long word
                case 12: sb.Append(Pick(rng, new[] { " ", "  ", "\t", "\n", "\r\n", "\u00A0", "\u2028", "\u2029", "\u3000", "\u000B", "\u000C", "\u0085" })); break;
                case 13: sb.Append(Pick(rng, Punctuation)); break;
                case 14: sb.Append((char)rng.Next(0x20, 0x7F)); break;
                default: sb.Append((char)rng.Next(0, 0x10000)); break; // any code unit
            }
        }

        return sb.ToString();
    }

    // ---------------------------------------------------------------- token soups

    /// <summary>A short clause in news grammar: [title] name [, who] [was] trigger/cue [as] [role] [quantity] [time] [.] —
    /// some parts left out, so "paid.", "Anna Petrova was appointed", "Sergei Volkov, who served as" all come up.</summary>
    private string Clause(Random rng)
    {
        var parts = new List<string>();
        void Maybe(int percent, Func<string> part)
        {
            if (rng.Next(100) < percent)
            {
                parts.Add(part());
            }
        }

        Maybe(15, () => Pick(rng, Titles));
        Maybe(70, () => rng.Next(4) == 0 ? Pick(rng, Pronouns) : Name(rng) + (rng.Next(2) == 0 ? " " + Name(rng) : ""));
        Maybe(20, () => ", who");
        Maybe(40, () => Pick(rng, new[] { "was", "were", "has been", "had", "is", "will be", "not" }));
        parts.Add(rng.Next(3) switch
        {
            0 => Pick(rng, _corpus.Lexicon("claim-cues")),
            1 => Pick(rng, _corpus.Lexicon("role-words")),
            _ => Pick(rng, _corpus.Lexicon("event-triggers")),
        });
        Maybe(30, () => Pick(rng, new[] { "as", "to", "by", "of", "for", "from", "in", "with" }));
        Maybe(20, () => Pick(rng, _corpus.Lexicon("role-words")));
        Maybe(30, () => Number(rng) + (rng.Next(2) == 0 ? " " + Pick(rng, rng.Next(2) == 0 ? _corpus.Lexicon("currencies") : _corpus.Lexicon("time-units")) : ""));
        Maybe(20, () => Pick(rng, rng.Next(2) == 0 ? _corpus.Lexicon("months") : _corpus.Lexicon("weekdays")) + (rng.Next(2) == 0 ? "" : " " + Pick(rng, new[] { "ago", "later", "last year", "2024", "1" })));
        var text = string.Join(" ", parts).Replace(" , who", ", who", StringComparison.Ordinal).TrimStart(',', ' ');
        text += Pick(rng, new[] { "", "", ".", ".", ",", "?", ".”", ":" });
        return text.Length > 0 && rng.Next(3) != 0 ? char.ToUpperInvariant(text[0]) + text[1..] : text;
    }

    private (string, string) Soup(Random rng)
    {
        var shortOne = rng.Next(3) == 0;
        if (shortOne && rng.Next(2) == 0)
        {
            return ("soup/short-clause", Clause(rng));
        }

        var n = shortOne ? rng.Next(1, 7) : rng.Next(7, rng.Next(2) == 0 ? 40 : 400);
        var sb = new StringBuilder();
        for (var i = 0; i < n; i++)
        {
            var token = Token(rng);
            if (sb.Length > 0)
            {
                var glueless = token.Length > 0 && (char.IsPunctuation(token[0]) && rng.Next(3) != 0);
                sb.Append(rng.Next(20) switch
                {
                    _ when glueless => "",
                    0 => "",
                    1 => "\n",
                    2 => rng.Next(3) == 0 ? "\n\n" : ", ",
                    _ => " ",
                });
            }

            sb.Append(token);
        }

        if (rng.Next(2) == 0)
        {
            sb.Append(Pick(rng, new[] { ".", ".", "?", "!", "…", ".”", "\"." }));
        }

        if (sb.Length > 0 && rng.Next(2) == 0)
        {
            sb[0] = char.ToUpperInvariant(sb[0]);
        }

        return (shortOne ? "soup/short" : "soup/long", sb.ToString());
    }

    private string Token(Random rng) => rng.Next(100) switch
    {
        < 40 => Pick(rng, Pick(rng, _corpus.Lexicons)),
        < 55 => Number(rng),
        < 68 => Name(rng),
        < 74 => Pick(rng, Pronouns),
        < 78 => Pick(rng, Titles),
        < 82 => Pick(rng, Quotes),
        < 85 => Pick(rng, Brackets),
        < 90 => Pick(rng, Punctuation),
        _ => Pick(rng, Glue),
    };

    public static string Name(Random rng)
    {
        var sb = new StringBuilder();
        for (var i = rng.Next(1, 4); i > 0; i--)
        {
            sb.Append(Pick(rng, Syllables));
        }

        sb[0] = char.ToUpperInvariant(sb[0]);
        if (rng.Next(4) == 0)
        {
            sb.Append(rng.Next(2) == 0 ? "ov" : "ova");
        }

        return sb.ToString();
    }

    public static string Number(Random rng)
    {
        var v = rng.Next(4) switch
        {
            0 => rng.Next(0, 100),
            1 => rng.Next(0, 10_000),
            2 => rng.NextInt64(0, 10_000_000_000),
            _ => rng.NextInt64(),
        };
        var s = v.ToString(CultureInfo.InvariantCulture);
        return rng.Next(12) switch
        {
            0 => Pick(rng, Fixed),
            1 => v.ToString("N0", CultureInfo.InvariantCulture),
            2 => s + "." + rng.Next(0, 100).ToString(CultureInfo.InvariantCulture) + Pick(rng, new[] { "m", "bn", "k", "", " million", " billion", "tn" }),
            3 => Pick(rng, new[] { "$", "€", "£", "₸", "USD ", "KZT ", "-", "+", "~" }) + s + Pick(rng, new[] { "", "bn", "m", "%", " dollars", " tenge" }),
            4 => rng.Next(1, 32).ToString(CultureInfo.InvariantCulture) + "/" + rng.Next(1, 13).ToString(CultureInfo.InvariantCulture) + (rng.Next(2) == 0 ? "" : "/" + rng.Next(0, 10000).ToString("D4", CultureInfo.InvariantCulture)),
            5 => "-" + s,
            6 => rng.Next(0, 10000).ToString("D4", CultureInfo.InvariantCulture),
            7 => s + "-" + rng.Next(0, 1000).ToString(CultureInfo.InvariantCulture),
            8 => s + Pick(rng, new[] { " years", "-year-old", " days ago", "s", "th", " people", " per cent" }),
            _ => Pick(rng, Fixed),
        };
    }

    // ---------------------------------------------------------------- pathological shapes

    private (string, string) Shape(Random rng)
    {
        var target = rng.Next(2_000, MaxChars);
        var sb = new StringBuilder();
        switch (rng.Next(11))
        {
            case 0: // one very long sentence full of pronouns
                sb.Append(Name(rng)).Append(' ').Append(Name(rng));
                while (sb.Length < target)
                {
                    sb.Append(rng.Next(3) == 0 ? ", " : " ").Append(Pick(rng, Pronouns)).Append(' ').Append(Pick(rng, Glue)).Append(' ').Append(rng.Next(4) == 0 ? Token(rng) : Pick(rng, Pronouns));
                }

                return ("shape/long-sentence-pronouns", sb.Append('.').ToString());
            case 1: // one sentence repeated
            {
                var (_, sentence) = Soup(rng);
                sentence = rng.Next(2) == 0 ? Window(rng, Pick(rng, _corpus.Texts)) : sentence;
                if (sentence.Length == 0)
                {
                    sentence = "He was detained.";
                }

                while (sb.Length < target)
                {
                    sb.Append(sentence).Append(rng.Next(4) == 0 ? "\n" : " ");
                }

                return ("shape/repeated-sentence", sb.ToString());
            }
            case 2: // no full stop anywhere
                return ("shape/no-full-stop", Pick(rng, _corpus.Wikinews.Count > 0 && rng.Next(2) == 0 ? _corpus.Wikinews : _corpus.Texts).Replace(".", "", StringComparison.Ordinal).Replace("\n\n", " ", StringComparison.Ordinal));
            case 3: // hundreds of blank lines between a few words
                for (var i = rng.Next(1, 20); i > 0; i--)
                {
                    sb.Append(Token(rng)).Append(' ').Append(Token(rng));
                    sb.Insert(sb.Length, Pick(rng, new[] { "\n", "\r\n", "\n \n", "\n\t\n", "\r" }), rng.Next(50, 800));
                }

                return ("shape/blank-lines", sb.ToString());
            case 4: // deeply nested brackets and quotes
            {
                var depth = rng.Next(50, 3000);
                var opens = new List<string>();
                for (var i = 0; i < depth && sb.Length < target; i++)
                {
                    var (open, close) = Pick(rng, new[] { ("(", ")"), ("[", "]"), ("“", "”"), ("«", "»"), ("\"", "\""), ("'", "'"), ("{", "}") });
                    sb.Append(open);
                    if (rng.Next(3) == 0)
                    {
                        sb.Append(Token(rng)).Append(' ');
                    }

                    opens.Add(close);
                }

                sb.Append(Name(rng)).Append(" said ").Append(Number(rng));
                if (rng.Next(3) != 0)
                {
                    for (var i = opens.Count - 1; i >= 0; i--)
                    {
                        sb.Append(opens[i]);
                    }
                }

                return ("shape/nested-brackets", sb.Append('.').ToString());
            }
            case 5: // huge numbers
                for (var i = rng.Next(1, 6); i > 0; i--)
                {
                    var digits = rng.Next(20, 2000);
                    var number = new StringBuilder().Append((char)rng.Next('1', '9' + 1));
                    for (var j = 1; j < digits; j++)
                    {
                        if (rng.Next(2) == 0 && j % 3 == 0)
                        {
                            number.Append(',');
                        }

                        number.Append((char)rng.Next('0', '9' + 1));
                    }

                    sb.Append(Pick(rng, new[] { "He paid $", "It happened ", "They were fined ", "A total of ", "Sentenced to ", "In " }))
                        .Append(number).Append(Pick(rng, new[] { " billion tenge", " days ago", " years", "", "bn", ".5m", " people were killed", " BC" })).Append(". ");
                }

                return ("shape/huge-numbers", sb.ToString());
            case 6: // a list of names paired with a list of terms
            {
                var n = rng.Next(3, 300);
                for (var i = 0; i < n; i++)
                {
                    sb.Append(i == 0 ? "" : i == n - 1 ? " and " : ", ").Append(Name(rng)).Append(' ').Append(Name(rng));
                }

                sb.Append(" were sentenced to ");
                for (var i = 0; i < n + rng.Next(-2, 3); i++)
                {
                    sb.Append(i == 0 ? "" : ", ").Append(rng.Next(0, 30).ToString(CultureInfo.InvariantCulture));
                }

                return ("shape/name-and-term-lists", sb.Append(" years.").ToString());
            }
            case 7: // many dates and periods
                while (sb.Length < target)
                {
                    sb.Append(Pick(rng, new[] { "from ", "between ", "until ", "since ", "in ", "on ", "by ", "" }))
                        .Append(Pick(rng, _corpus.Lexicons[rng.Next(_corpus.Lexicons.Count)])).Append(' ').Append(Number(rng))
                        .Append(Pick(rng, new[] { " to ", " and ", "–", ", ", ". " }));
                }

                return ("shape/date-storm", sb.ToString());
            case 8: // one character repeated
                return ("shape/one-char", new string(Pick(rng, new[] { '.', ',', '(', '"', '\n', ' ', '9', 'A', '-', '\'', '“', '\0', '\uD800' }), target));
            case 9: // a long paragraph of soup sentences without blank lines
                while (sb.Length < target)
                {
                    sb.Append(Soup(rng).Item2).Append(' ');
                }

                return ("shape/soup-paragraph", sb.ToString());
            default: // many quotations attributed to many sources
                while (sb.Length < target)
                {
                    sb.Append('“').Append(Soup(rng).Item2).Append(",” ").Append(Pick(rng, Pronouns)).Append(' ')
                        .Append(Pick(rng, new[] { "said", "told", "claimed", "denied", "added" })).Append(". ");
                }

                return ("shape/quotations", sb.ToString());
        }
    }

    // ---------------------------------------------------------------- HTML

    private (string, string) HtmlInput(Random rng)
    {
        switch (rng.Next(5))
        {
            case 0 when _corpus.Html.Count > 0:
            {
                var html = Pick(rng, _corpus.Html);
                for (var i = rng.Next(1, 6); i > 0; i--)
                {
                    html = Mutate(rng, html);
                }

                return ("html/mutate-sample", html);
            }
            case 1: // nested divs, a few thousand
            {
                var depth = rng.Next(500, 4000);
                var sb = new StringBuilder(Head(rng)).Append("<body>");
                for (var i = 0; i < depth; i++)
                {
                    sb.Append(rng.Next(10) == 0 ? "<div class=\"a\">" : "<div>");
                    if (rng.Next(50) == 0)
                    {
                        sb.Append("<p>").Append(Soup(rng).Item2).Append("</p>");
                    }
                }

                sb.Append("<p>").Append(Soup(rng).Item2).Append("</p>");
                var closes = rng.Next(3) == 0 ? rng.Next(depth) : depth;
                sb.Insert(sb.Length, "</div>", closes);
                return ("html/nested-divs", sb.Append("</body></html>").ToString());
            }
            case 2: // broken tags, entities and comments
            {
                var sb = new StringBuilder(rng.Next(2) == 0 ? Head(rng) : "");
                var n = rng.Next(5, 200);
                for (var i = 0; i < n; i++)
                {
                    sb.Append(Pick(rng, new[]
                    {
                        "<p>", "</p>", "<p", "<div class='", "\">", "<br>", "<br/", "</", "<>", "<!--", "-->", "<![CDATA[", "]]>", "<script>", "</script>",
                        "<style>", "<h1>", "</h1>", "<article>", "</article>", "<a href=\"javascript:", "&amp;", "&#0;", "&#xD800;", "&#99999999;", "&nosuch;",
                        "&nbsp;", "&", "<table><tr><td>", "</td>", "<li>", "<pre>", "<textarea>", "<noscript>", "<template>", "<svg><foreignObject>", "<math>", "<plaintext>",
                        "<time datetime=\"0000-00-00\">", "<meta name=\"date\" content=\"9999-99-99\">", "<title>", "</title>",
                    }));
                    sb.Append(rng.Next(3) == 0 ? Soup(rng).Item2 : Token(rng)).Append(' ');
                }

                return ("html/broken-tags", sb.ToString());
            }
            default: // an ordinary page around generated text
            {
                var body = rng.Next(3) switch
                {
                    0 => Soup(rng).Item2,
                    1 => Mutated(rng).Item2,
                    _ => Unicode(rng, rng.Next(1, 500)),
                };
                var sb = new StringBuilder(Head(rng)).Append("<body><article><h1>").Append(Soup(rng).Item2).Append("</h1>");
                foreach (var paragraph in body.Split("\n\n"))
                {
                    sb.Append("<p>").Append(rng.Next(4) == 0 ? paragraph : System.Net.WebUtility.HtmlEncode(paragraph)).Append("</p>\n");
                }

                return ("html/page", sb.Append("</article></body></html>").ToString());
            }
        }
    }

    private static string Head(Random rng)
    {
        var date = rng.Next(8) switch
        {
            0 => "0001-01-01", 1 => "9999-12-31T23:59:59Z", 2 => "0000-00-00", 3 => "2024-02-30", 4 => "yesterday",
            5 => "2024-03-20T09:00:00+14:00", 6 => "-0001-01-01", _ => "2023-0" + rng.Next(1, 10).ToString(CultureInfo.InvariantCulture) + "-1" + rng.Next(0, 10).ToString(CultureInfo.InvariantCulture),
        };
        var meta = rng.Next(5) switch
        {
            0 => $"<meta property=\"article:published_time\" content=\"{date}\">",
            1 => $"<meta itemprop=\"datePublished\" content=\"{date}\">",
            2 => $"<meta name=\"date\" content=\"{date}\">",
            3 => $"<meta name=\"pubdate\" content=\"{date}\">",
            _ => "",
        };
        return $"<!doctype html><html><head><meta charset=\"utf-8\"><title>{Name(rng)}</title>{meta}</head>";
    }

    private static byte[] HtmlBytes(Random rng, string html)
    {
        byte[] bytes = rng.Next(10) switch
        {
            0 => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(html)],
            1 => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(html)],
            2 => Encoding.Latin1.GetBytes(html),
            _ => Encoding.UTF8.GetBytes(html),
        };
        if (bytes.Length > 0 && rng.Next(4) == 0)
        {
            for (var i = rng.Next(1, 10); i > 0; i--)
            {
                bytes[rng.Next(bytes.Length)] ^= (byte)(1 << rng.Next(8));
            }
        }

        return bytes;
    }
}
