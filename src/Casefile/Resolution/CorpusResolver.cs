using Casefile.Model;

namespace Casefile.Resolution;

/// <summary>One document's entity inside a corpus entity, with the reason it joined.</summary>
public sealed record CorpusMember(string Document, string Entity, string Name, int Mentions, MentionLink? Link);

/// <summary>A document's entity as a member of a group being assembled, with the link that joined it.</summary>
public sealed record GroupMember(string Document, Entity Entity, MentionLink? Link);

/// <summary>An entity across the documents of a corpus.</summary>
public sealed record CorpusEntity
{
    /// <summary>"c1", "c2"… in order of first appearance (one run over files); in a store, "E" and the stable serial of its anchor member.</summary>
    public required string Id { get; init; }
    public required string Type { get; init; }
    public required string Name { get; init; }
    public required IReadOnlyList<string> Aliases { get; init; }
    /// <summary>Mentions in all documents.</summary>
    public required int Mentions { get; init; }
    public required IReadOnlyList<CorpusMember> Documents { get; init; }
    public IReadOnlyDictionary<string, string>? Identifiers { get; init; }
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? Facts { get; init; }
}

/// <summary>
/// Links the entities of several analysed documents. Stricter than within a document, where context helps:
/// people join only on full names (given name and surname, or an initial against a full name, with the
/// spelling rules), never on a bare surname; organisations on the same name, a spelling variant or the same
/// words; places on the same name or country; any two entities that the known-facts file names as one record
/// (<c>facts</c>); and the corrections file's merges. Each member records the rule that joined it.
/// </summary>
public static class CorpusResolver
{
    public static IReadOnlyList<CorpusEntity> Resolve(IReadOnlyList<CaseFile> documents, ResolverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var nodes = new List<Node>();
        foreach (var doc in documents)
        {
            foreach (var e in doc.Entities ?? [])
            {
                nodes.Add(new Node(doc.Document.Id, doc.Document.Source ?? doc.Document.Id, e));
            }
        }

        var parent = Enumerable.Range(0, nodes.Count).ToArray();
        int Find(int x)
        {
            while (parent[x] != x)
            {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }

            return x;
        }

        // Candidates share a blocking key: the surname key (people), a content word (organisations),
        // the country code or name (places), the facts id.
        var blocks = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < nodes.Count; i++)
        {
            foreach (var key in BlockKeys(nodes[i]))
            {
                if (!blocks.TryGetValue(key, out var list))
                {
                    blocks[key] = list = [];
                }

                list.Add(i);
            }
        }

        var done = new HashSet<(int, int)>();
        foreach (var block in blocks.Values)
        {
            for (var x = 0; x < block.Count; x++)
            {
                for (var y = 0; y < x; y++)
                {
                    var (a, b) = (block[y], block[x]);
                    if (nodes[a].Document == nodes[b].Document || !done.Add((a, b)) || Find(a) == Find(b))
                    {
                        continue;
                    }

                    if (Match(nodes[a].Entity, nodes[b].Entity) is { } hit && !Conflicts(nodes, Members(a), Members(b)))
                    {
                        nodes[b].Link ??= new MentionLink(hit.Rule, hit.Score, null, $"{nodes[a].Label} {nodes[a].Entity.Id} \"{nodes[a].Entity.Name}\"");
                        parent[Find(b)] = Find(a);
                    }
                }
            }
        }

        if (options?.Corrections is { } corrections)
        {
            foreach (var names in corrections.Merges)
            {
                var keys = names.Select(DocumentResolution.NormName).ToHashSet(StringComparer.Ordinal);
                var hits = Enumerable.Range(0, nodes.Count).Where(i => nodes[i].Entity.Aliases.Any(a => keys.Contains(DocumentResolution.NormName(a)))).ToList();
                foreach (var h in hits.Skip(1))
                {
                    if (Find(h) != Find(hits[0]))
                    {
                        nodes[h].Link ??= new MentionLink("correction-merge", 1.0, null, "merged by the corrections file");
                        parent[Find(h)] = Find(hits[0]);
                    }
                }
            }
        }

        var groups = Enumerable.Range(0, nodes.Count).GroupBy(Find).Select(g => g.ToList()).ToList();
        var result = new List<CorpusEntity>();
        var n = 0;
        foreach (var g in groups)
        {
            result.Add(Assemble("c" + (++n).ToString(System.Globalization.CultureInfo.InvariantCulture),
                [.. g.Select(i => new GroupMember(nodes[i].Document, nodes[i].Entity, nodes[i].Link))]));
        }

        return result;

        List<int> Members(int i)
        {
            var root = Find(i);
            return [.. Enumerable.Range(0, nodes.Count).Where(k => Find(k) == root)];
        }
    }

    /// <summary>
    /// One corpus entity from its members (the first member's link is dropped: it is where the others joined). The name and
    /// type are those of <paramref name="head"/>, or else of the member <see cref="Head"/> picks.
    /// </summary>
    public static CorpusEntity Assemble(string id, IReadOnlyList<GroupMember> members, Entity? head = null)
    {
        ArgumentNullException.ThrowIfNull(members);
        var top = head ?? Head(members.Select(m => m.Entity));
        var identifiers = members.SelectMany(m => m.Entity.Identifiers ?? new Dictionary<string, string>())
            .GroupBy(kv => kv.Key).ToDictionary(kv => kv.Key, kv => kv.First().Value, StringComparer.Ordinal);
        return new CorpusEntity
        {
            Id = id,
            Type = top.Type,
            Name = top.Name,
            Aliases = [.. members.SelectMany(m => m.Entity.Aliases).Distinct(StringComparer.Ordinal)],
            Mentions = members.Sum(m => m.Entity.Mentions),
            Documents = [.. members.Select((m, i) => new CorpusMember(m.Document, m.Entity.Id, m.Entity.Name, m.Entity.Mentions, i == 0 ? null : m.Link))],
            Identifiers = identifiers.Count == 0 ? null : identifiers,
            Facts = members.Select(m => m.Entity.Facts).FirstOrDefault(f => f is not null),
        };
    }

    /// <summary>The member that names a group: one the known-facts file identifies, else the longest name, else the most mentioned.</summary>
    public static Entity Head(IEnumerable<Entity> members) =>
        members.OrderByDescending(e => e.Identifiers?.ContainsKey("ftm") == true ? 1 : 0)
            .ThenByDescending(e => e.Name.Split(' ').Length).ThenByDescending(e => e.Mentions).First();

    private sealed class Node(string document, string label, Entity entity)
    {
        public string Document { get; } = document;
        public string Label { get; } = label;
        public Entity Entity { get; } = entity;
        public MentionLink? Link { get; set; }
    }

    private static IEnumerable<string> BlockKeys(Node node)
    {
        var e = node.Entity;
        if (e.Identifiers is { } ids)
        {
            foreach (var (k, v) in ids)
            {
                yield return k + ":" + v;
            }
        }

        foreach (var alias in e.Aliases)
        {
            yield return e.Type switch
            {
                "PER" => "PER:" + NameMatcher.Key(PersonName.Parse(alias).Surname),
                _ => e.Type + ":" + DocumentResolution.NormName(alias),
            };
        }
    }

    /// <summary>Whether two documents' entities are one, and by which rule.</summary>
    internal static (string Rule, double Score)? Match(Entity a, Entity b)
    {
        if (a.Identifiers?.GetValueOrDefault("ftm") is { } fa && fa == b.Identifiers?.GetValueOrDefault("ftm"))
        {
            return ("facts", 1.0);
        }

        if (a.Type != b.Type)
        {
            return null;
        }

        if (a.Identifiers?.GetValueOrDefault("iso3166") is { } ca && ca == b.Identifiers?.GetValueOrDefault("iso3166"))
        {
            return ("same-country", 0.95);
        }

        (string Rule, double Score)? best = null;
        foreach (var x in a.Aliases)
        {
            foreach (var y in b.Aliases)
            {
                var hit = CompareNames(a.Type, x, y);
                if (hit is { } h && (best is not { } bb || h.Score > bb.Score))
                {
                    best = h;
                }
            }
        }

        return best;
    }

    private static (string Rule, double Score)? CompareNames(string type, string x, string y)
    {
        if (DocumentResolution.NormName(x) == DocumentResolution.NormName(y))
        {
            // A bare surname alone is not enough across documents.
            return type == "PER" && PersonName.Parse(x).IsBare ? null : ("same-name", 1.0);
        }

        if (type == "PER")
        {
            var px = PersonName.Parse(x);
            var py = PersonName.Parse(y);
            if (px.IsBare || py.IsBare || (!px.HasFullGiven && !py.HasFullGiven))
            {
                return null;
            }

            return PersonName.Compare(px, py);
        }

        return DocumentResolution.CompareMultiword(x, y, fuzzyMinLength: 0);
    }

    /// <summary>Two groups conflict when they hold people whose given names or initials disagree.</summary>
    private static bool Conflicts(List<Node> nodes, List<int> a, List<int> b)
    {
        foreach (var i in a)
        {
            foreach (var j in b)
            {
                if (nodes[i].Entity.Type != "PER" || nodes[j].Entity.Type != "PER")
                {
                    continue;
                }

                var pi = PersonName.Parse(nodes[i].Entity.Name);
                var pj = PersonName.Parse(nodes[j].Entity.Name);
                if (PersonName.Conflict(pi, pj))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
