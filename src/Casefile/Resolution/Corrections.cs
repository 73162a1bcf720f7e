using System.Text.Json;
using Casefile.Pipeline;

namespace Casefile.Resolution;

/// <summary>A correction that splits the mentions written <see cref="Alias"/> off the entity named <see cref="From"/>.</summary>
public sealed record SplitCorrection(string Alias, string? From);

/// <summary>
/// The user's fixes to entity resolution, applied after the name rules on every document
/// (<c>--corrections fixes.jsonl</c>), one JSON object per line, <c>#</c> lines are comments:
/// <c>{"merge": ["Karim Smithov", "K. Smythe"]}</c> puts the entities with those names together;
/// <c>{"split": "A. Petrova", "from": "Anna Petrova"}</c> takes the mentions written "A. Petrova" out of the
/// entity that also has "Anna Petrova" ("from" may be left out) and keeps them apart. Names compare
/// ignoring case, diacritics and a leading "the".
/// </summary>
public sealed class Corrections(IReadOnlyList<IReadOnlyList<string>> merges, IReadOnlyList<SplitCorrection> splits)
{
    public IReadOnlyList<IReadOnlyList<string>> Merges { get; } = merges;

    public IReadOnlyList<SplitCorrection> Splits { get; } = splits;

    public static Corrections Load(string path)
    {
        var lines = KnownFacts.ReadLines(path, ErrorCodes.CorrectionsNotFound, "corrections file");

        var merges = new List<IReadOnlyList<string>>();
        var splits = new List<SplitCorrection>();
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n].Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var error = new CasefileException(ErrorCodes.CorrectionsMalformed,
                $"{path}:{n + 1}: expected {{\"merge\": [\"name\", \"name\", …]}} or {{\"split\": \"name\", \"from\": \"name\"}}; fix this line.");
            try
            {
                using var doc = JsonDocument.Parse(line);
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    throw error;
                }

                if (root.TryGetProperty("merge", out var merge))
                {
                    if (merge.ValueKind != JsonValueKind.Array || merge.GetArrayLength() < 2
                        || merge.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(v.GetString())))
                    {
                        throw error;
                    }

                    merges.Add([.. merge.EnumerateArray().Select(v => v.GetString()!)]);
                }
                else if (root.TryGetProperty("split", out var split) && split.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(split.GetString()))
                {
                    string? from = null;
                    if (root.TryGetProperty("from", out var f))
                    {
                        from = f.ValueKind == JsonValueKind.String ? f.GetString() : throw error;
                    }

                    splits.Add(new SplitCorrection(split.GetString()!, from));
                }
                else
                {
                    throw error;
                }
            }
            catch (JsonException)
            {
                throw error;
            }
        }

        return new Corrections(merges, splits);
    }
}
