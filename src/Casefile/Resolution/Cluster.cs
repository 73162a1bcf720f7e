using Casefile.Model;

namespace Casefile.Resolution;

/// <summary>A mention while it is being resolved: a tagged name or a pronoun, short form, demonym or description.</summary>
internal sealed class Item(int start, int end, string text, string type, string? kind, int t0, int t1, int sentence)
{
    public int Start { get; } = start;
    public int End { get; } = end;
    public string Text { get; } = text;
    /// <summary>The type after the vote (names) or of the linked entity (other kinds).</summary>
    public string Type { get; set; } = type;
    public string? Kind { get; } = kind;
    /// <summary>First token and the token after the last.</summary>
    public int T0 { get; } = t0;
    public int T1 { get; } = t1;
    public int Sentence { get; } = sentence;
    public Mention? Mention { get; init; }
    public PersonName? Person { get; set; }
    public Cluster? Cluster { get; set; }
    public MentionLink? Link { get; set; }
    public bool IsName => Kind is null;
}

/// <summary>A role found for a person while resolving.</summary>
internal sealed class RoleFound(string role, Cluster? of, string? status, int evidenceStart, int evidenceEnd)
{
    public string Role { get; } = role;
    public Cluster? Of { get; } = of;
    public string? Status { get; set; } = status;
    public string? From { get; set; }
    public string? To { get; set; }
    public List<SpanRef> Evidence { get; } = [new SpanRef(evidenceStart, evidenceEnd)];
}

/// <summary>An entity under construction.</summary>
internal sealed class Cluster(string type)
{
    public string Type { get; set; } = type;
    public List<Item> Items { get; } = [];
    public List<RoleFound> Roles { get; } = [];
    /// <summary>Person nouns written next to the name ("businessman Karim Smithov" → businessman).</summary>
    public HashSet<string> Descriptors { get; } = new(StringComparer.Ordinal);
    public string? FactsId { get; set; }
    public string? FactsName { get; set; }
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? Facts { get; set; }
    /// <summary>Split off by a correction: known facts are not applied to it (they could merge it back).</summary>
    public bool Pinned { get; set; }

    private readonly List<Item> _spellings = [];
    private readonly HashSet<string> _texts = new(StringComparer.Ordinal);

    public IEnumerable<Item> Names => Items.Where(i => i.IsName);

    /// <summary>The first name mention of each distinct spelling (what the name rules compare against).</summary>
    public IReadOnlyList<Item> Spellings => _spellings;

    /// <summary>Changes with every Remove and Clear: while it stays, Items only grew at its end (for incremental caches).</summary>
    public int Removals { get; private set; }

    public void Add(Item item)
    {
        item.Cluster = this;
        if (!item.IsName)
        {
            item.Type = Type;
        }
        else if (_texts.Add(item.Text))
        {
            _spellings.Add(item);
        }

        Items.Add(item);
    }

    public void Remove(Item item)
    {
        Removals++;
        Items.Remove(item);
        _spellings.Clear();
        _texts.Clear();
        foreach (var n in Names)
        {
            if (_texts.Add(n.Text))
            {
                _spellings.Add(n);
            }
        }
    }

    public void Clear()
    {
        Removals++;
        Items.Clear();
        _spellings.Clear();
        _texts.Clear();
    }

    public bool HasRole(string role, Cluster? of) =>
        Roles.Any(r => RoleFamily(r.Role) == RoleFamily(role) && (of is null || r.Of == of)) || (of is null && Descriptors.Contains(role));

    /// <summary>Roles that name the same position: head, chairman, leader, director and chief executive.</summary>
    public static string RoleFamily(string role) => role switch
    {
        "head" or "chairman" or "leader" or "director" or "chief executive" => "head",
        "deputy" or "deputy head" or "deputy chairman" or "deputy director" or "first deputy" or "first deputy chairman" => "deputy",
        _ => role,
    };
}
