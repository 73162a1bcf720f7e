using System.Text;
using Casefile.Pipeline;
using Casefile.Segmentation;

namespace Casefile.Ner;

/// <summary>A tokenised sentence with one BIO tag per token, and the document it belongs to.</summary>
public sealed record BioSentence(string[] Tokens, string[] Tags, string Doc)
{
    /// <summary>How much a training update from this sentence counts (1 unless the file was given a weight).</summary>
    public float Weight { get; init; } = 1f;
}

/// <summary>
/// Reads NER data: BIO files (<c>token TAB tag</c>, blank line between sentences, <c>#</c> comments,
/// <c># doc = NAME</c> at document starts) and inline-annotated text (<c>[PER Name]</c>, one sentence a
/// line, tokenised by the Casefile tokenizer so it tests the tokens <c>analyze</c> sees).
/// Types other than PER, ORG and LOC become O; re3d's Person/Organisation/Location are renamed; an I- tag
/// that starts a span (IOB1) becomes B-.
/// </summary>
public static class BioCorpus
{
    public static readonly string[] Types = ["PER", "ORG", "LOC"];

    /// <summary>Reads a file; <c>.txt</c> means inline-annotated text, anything else BIO.</summary>
    public static List<BioSentence> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new CasefileException(ErrorCodes.NerDataNotFound, $"NER data file '{path}' does not exist; check the path.");
        }

        return path.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) ? ReadInline(path) : ReadBio(path);
    }

    /// <summary>
    /// Reads <c>a.bio,b.bio@0.3,c.bio#A</c>: comma-separated paths, each with an optional <c>@weight</c> and an
    /// optional half, <c>#A</c> (documents 1, 3, 5…) or <c>#B</c> (documents 2, 4, 6…), for training on one half of a
    /// set and reporting on the other.
    /// </summary>
    public static List<BioSentence> ReadList(string list)
    {
        var all = new List<BioSentence>();
        foreach (var item in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var at = item.LastIndexOf('@');
            var weight = 1f;
            var path = item;
            if (at > 0)
            {
                if (!float.TryParse(item.AsSpan(at + 1), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out weight) || weight <= 0)
                {
                    throw new CasefileException(ErrorCodes.Usage, $"'{item}': the weight after @ must be a positive number, e.g. data.bio@0.5.");
                }

                path = item[..at];
            }

            var half = '\0';
            if (path.Length > 2 && path[^2] == '#' && path[^1] is 'A' or 'B')
            {
                half = path[^1];
                path = path[..^2];
            }

            var w = weight;
            var sentences = Read(path);
            if (half != '\0')
            {
                var docIndex = 0;
                string? lastDoc = null;
                sentences = sentences.Where(s =>
                {
                    if (s.Doc != lastDoc)
                    {
                        docIndex++;
                        lastDoc = s.Doc;
                    }

                    return (docIndex % 2 == 1) == (half == 'A');
                }).ToList();
            }

            all.AddRange(sentences.Select(s => w == 1f ? s : s with { Weight = w }));
        }

        return all;
    }

    public static List<BioSentence> ReadBio(string path)
    {
        var sentences = new List<BioSentence>();
        var tokens = new List<string>();
        var tags = new List<string>();
        var doc = Path.GetFileName(path) + "#1";
        var docs = 0;
        var lineNumber = 0;

        void Flush()
        {
            if (tokens.Count > 0)
            {
                sentences.Add(new BioSentence([.. tokens], Repair(tags), doc));
                tokens.Clear();
                tags.Clear();
            }
        }

        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            lineNumber++;
            if (line.Length == 0 || string.IsNullOrWhiteSpace(line))
            {
                Flush();
                continue;
            }

            if (line[0] == '#')
            {
                var body = line.AsSpan(1).Trim();
                if (body.StartsWith("doc", StringComparison.Ordinal) && body.IndexOf('=') is > 0 and var eq)
                {
                    Flush();
                    docs++;
                    doc = body[(eq + 1)..].Trim().ToString();
                }

                continue;
            }

            var tab = line.LastIndexOf('\t');
            if (tab <= 0)
            {
                throw new CasefileException(ErrorCodes.NerDataMalformed,
                    $"{path}:{lineNumber}: expected 'token<TAB>tag', found no tab; fix the line or remove it.");
            }

            var token = line[..tab];
            var firstTab = token.IndexOf('\t');
            if (firstTab >= 0)
            {
                token = token[..firstTab];
            }

            tokens.Add(token);
            tags.Add(line[(tab + 1)..].Trim());
        }

        Flush();
        if (docs == 0)
        {
            // No document markers: every sentence stands alone.
            for (var i = 0; i < sentences.Count; i++)
            {
                sentences[i] = sentences[i] with { Doc = $"{Path.GetFileName(path)}#{i + 1}" };
            }
        }

        return sentences;
    }

    /// <summary>Maps a raw tag to B-X / I-X / O over PER, ORG, LOC and repairs IOB1 starts.</summary>
    internal static string[] Repair(List<string> raw)
    {
        var tags = new string[raw.Count];
        string? prevType = null;
        for (var i = 0; i < raw.Count; i++)
        {
            var (prefix, type) = Split(raw[i]);
            if (type is null)
            {
                tags[i] = "O";
                prevType = null;
                continue;
            }

            if (prefix == 'I' && prevType != type)
            {
                prefix = 'B';
            }

            tags[i] = prefix + "-" + type;
            prevType = type;
        }

        return tags;
    }

    private static (char Prefix, string? Type) Split(string tag)
    {
        if (tag.Length < 3 || tag[1] != '-' || (tag[0] != 'B' && tag[0] != 'I'))
        {
            return ('O', null);
        }

        var type = tag[2..] switch
        {
            "PER" or "Person" or "PERSON" => "PER",
            "ORG" or "Organisation" or "Organization" or "ORGANIZATION" => "ORG",
            "LOC" or "Location" or "LOCATION" or "GPE" => "LOC",
            _ => null,
        };
        return (tag[0], type);
    }

    /// <summary>Inline-annotated text: one sentence a line, entities as <c>[PER text]</c>, <c>#</c> comments.</summary>
    public static List<BioSentence> ReadInline(string path)
    {
        var sentences = new List<BioSentence>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line) || line[0] == '#')
            {
                continue;
            }

            sentences.Add(ParseInline(line, $"{path}:{lineNumber}") with { Doc = $"{Path.GetFileName(path)}:{lineNumber}" });
        }

        return sentences;
    }

    /// <summary>Parses one inline-annotated line into tokens (Casefile tokenizer) and BIO tags.</summary>
    public static BioSentence ParseInline(string line, string where)
    {
        var text = new StringBuilder(line.Length);
        var spans = new List<(int Start, int End, string Type)>();
        var i = 0;
        while (i < line.Length)
        {
            var c = line[i];
            if (c == ']')
            {
                throw new CasefileException(ErrorCodes.NerDataMalformed, $"{where}: ']' without '['; escape-free text may not contain brackets.");
            }

            if (c != '[')
            {
                text.Append(c);
                i++;
                continue;
            }

            var space = line.IndexOf(' ', i);
            var close = line.IndexOf(']', i);
            var type = space > i ? line[(i + 1)..space] : "";
            if (close < 0 || space < 0 || space > close || Array.IndexOf(Types, type) < 0 || line.IndexOf('[', i + 1) is var next && next >= 0 && next < close)
            {
                throw new CasefileException(ErrorCodes.NerDataMalformed,
                    $"{where}: malformed entity at column {i + 1}; write [PER name], [ORG name] or [LOC name] without nesting.");
            }

            var start = text.Length;
            text.Append(line, space + 1, close - space - 1);
            spans.Add((start, text.Length, type));
            i = close + 1;
        }

        var plain = text.ToString();
        var toks = Tokenizer.Tokenize(plain);
        var tokens = new string[toks.Length];
        var tags = new string[toks.Length];
        for (var k = 0; k < toks.Length; k++)
        {
            var t = toks[k];
            tokens[k] = plain[t.Start..t.End];
            tags[k] = "O";
            foreach (var (s, e, type) in spans)
            {
                if (t.Start >= s && t.End <= e)
                {
                    tags[k] = (t.Start == s ? "B-" : "I-") + type;
                }
                else if (t.Start < e && t.End > s)
                {
                    throw new CasefileException(ErrorCodes.NerDataMalformed,
                        $"{where}: token '{tokens[k]}' crosses the edge of entity '{plain[s..e]}'; move the bracket to a token boundary.");
                }
            }
        }

        foreach (var (s, e, _) in spans)
        {
            if (!toks.Any(t => t.Start == s))
            {
                throw new CasefileException(ErrorCodes.NerDataMalformed, $"{where}: entity '{plain[s..e]}' does not start at a token; move the bracket.");
            }
        }

        return new BioSentence(tokens, tags, where);
    }

    /// <summary>Entity spans of a tag sequence as (start token, end token exclusive, type), CoNLL style.</summary>
    public static List<(int Start, int End, string Type)> Spans(IReadOnlyList<string> tags)
    {
        var spans = new List<(int, int, string)>();
        var i = 0;
        while (i < tags.Count)
        {
            var tag = tags[i];
            if (tag.Length < 3)
            {
                i++;
                continue;
            }

            var type = tag[2..];
            var j = i + 1;
            while (j < tags.Count && tags[j].Length > 2 && tags[j][0] == 'I' && tags[j].AsSpan(2).SequenceEqual(type))
            {
                j++;
            }

            spans.Add((i, j, type));
            i = j;
        }

        return spans;
    }
}
