using System.Text.Json;
using Casefile.Pipeline;

namespace Casefile.Resolution;

/// <summary>One Person or Organization from a known-facts file.</summary>
public sealed record FactRecord(string Id, string Schema, string Type, IReadOnlyList<string> Names, IReadOnlyDictionary<string, IReadOnlyList<string>> Properties);

/// <summary>
/// Known facts in FollowTheMoney JSON lines (<c>--facts people.ftm.jsonl</c>): one entity per line,
/// <c>{"id": …, "schema": "Person", "properties": {"name": […], "alias": […], "birthDate": […], …}}</c>.
/// Person → PER; Organization, Company, PublicBody, LegalEntity → ORG; other schemata are skipped. A
/// document's entity that matches a record by name or alias (the resolver's own name rules) takes the
/// record's first name as canonical name, its id as identifier <c>ftm</c>, and its properties as facts.
/// </summary>
public sealed class KnownFacts
{
    private readonly Dictionary<string, List<FactRecord>> _byKey = new(StringComparer.Ordinal);

    public KnownFacts(IEnumerable<FactRecord> records)
    {
        Records = [.. records];
        foreach (var r in Records)
        {
            foreach (var key in r.Names.Select(n => IndexKey(r.Type, n)).Distinct())
            {
                if (!_byKey.TryGetValue(key, out var list))
                {
                    _byKey[key] = list = [];
                }

                list.Add(r);
            }
        }
    }

    public IReadOnlyList<FactRecord> Records { get; }

    public static KnownFacts Load(string path)
    {
        var lines = ReadLines(path, ErrorCodes.FactsNotFound, "known-facts file");

        var records = new List<FactRecord>();
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n].Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (Parse(line) is { } record)
            {
                records.Add(record);
            }
            else if (!IsOtherSchema(line))
            {
                throw new CasefileException(ErrorCodes.FactsMalformed,
                    $"{path}:{n + 1}: not a FollowTheMoney entity with \"id\", \"schema\" and \"properties\": {{\"name\": [...]}}; fix this line.");
            }
        }

        return new KnownFacts(records);
    }

    /// <summary>The lines of a user's resolution file, or an error with <paramref name="code"/> that names it.</summary>
    internal static string[] ReadLines(string path, string code, string what)
    {
        try
        {
            return File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CasefileException(code, $"{what} '{path}' cannot be read ({e.Message}); check the path.");
        }
    }

    private static bool IsOtherSchema(string line)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("id", out _)
                && doc.RootElement.TryGetProperty("schema", out var schema) && schema.ValueKind == JsonValueKind.String
                && TypeOf(schema.GetString()!) is null;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? TypeOf(string schema) => schema switch
    {
        "Person" => "PER",
        "Organization" or "Company" or "PublicBody" or "LegalEntity" => "ORG",
        _ => null,
    };

    private static FactRecord? Parse(string line)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("schema", out var schema) || schema.ValueKind != JsonValueKind.String
                || TypeOf(schema.GetString()!) is not { } type
                || !root.TryGetProperty("properties", out var props) || props.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var properties = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            foreach (var p in props.EnumerateObject())
            {
                if (p.Value.ValueKind == JsonValueKind.Array)
                {
                    var values = p.Value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList();
                    if (values.Count > 0)
                    {
                        properties[p.Name] = values;
                    }
                }
            }

            if (!properties.TryGetValue("name", out var names))
            {
                return null;
            }

            var all = names.Concat(properties.TryGetValue("alias", out var aliases) ? aliases : []).Distinct(StringComparer.Ordinal).ToList();
            return new FactRecord(id.GetString()!, schema.GetString()!, type, all, properties);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string IndexKey(string type, string name) =>
        type + ":" + (type == "PER" ? NameMatcher.Key(PersonName.Parse(name).Surname) : DocumentResolution.NormName(name));

    /// <summary>
    /// The record matching an entity's names: every name must fit one of the record's names without a
    /// conflict, and at least one must be more than a bare surname (unless exactly one record has that
    /// surname). Ambiguous matches (two records fit) return null.
    /// </summary>
    internal (FactRecord Record, double Score)? Match(string type, IReadOnlyList<string> names)
    {
        if (names.Count == 0)
        {
            return null;
        }

        var candidates = names.SelectMany(n => _byKey.TryGetValue(IndexKey(type, n), out var list) ? list : []).Distinct().ToList();
        var fits = new List<(FactRecord, double)>();
        foreach (var record in candidates)
        {
            // The best name match; any conflicting name (other given name, other initial) rules the record out.
            var best = 0.0;
            var conflict = false;
            foreach (var name in names)
            {
                foreach (var known in record.Names)
                {
                    if (type != "PER")
                    {
                        best = DocumentResolution.NormName(name) == DocumentResolution.NormName(known) ? 1.0 : best;
                        continue;
                    }

                    var a = PersonName.Parse(name);
                    var k = PersonName.Parse(known);
                    if (DocumentResolution.NormName(name) == DocumentResolution.NormName(known))
                    {
                        best = 1.0;
                    }
                    else if (PersonName.Compare(a, k) is { } hit)
                    {
                        best = Math.Max(best, hit.Score);
                    }
                    else if (PersonName.Conflict(a, k) && !record.Names.Any(o => PersonName.Compare(a, PersonName.Parse(o)) is not null))
                    {
                        conflict = true;
                    }
                }
            }

            if (best > 0 && !conflict)
            {
                fits.Add((record, best));
            }
        }

        if (fits.Count != 1 || fits[0].Item2 < 0.85)
        {
            return null;
        }

        // A bare surname alone is enough only when one record has that surname.
        var anyFull = type != "PER" || names.Any(n => !PersonName.Parse(n).IsBare);
        return anyFull || candidates.Count == 1 ? fits[0] : null;
    }
}
