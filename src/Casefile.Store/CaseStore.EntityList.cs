namespace Casefile.Store;

/// <summary>
/// A page of corpus entities (most mentioned first, as <see cref="CaseStore.Entities(string?, string?, int)"/> orders them),
/// how many match in all, and how many of each type match the name filter (the type filter's counts).
/// </summary>
public sealed record EntityPage(IReadOnlyList<EntityRow> Entities, int Total, int Offset, int Limit, IReadOnlyDictionary<string, int> Types);

public sealed partial class CaseStore
{
    /// <summary>
    /// <see cref="Entities(string?, string?, int)"/> with paging: the entities of <paramref name="type"/> whose name or a
    /// spelling contains <paramref name="name"/>, <paramref name="limit"/> of them from <paramref name="offset"/>, with the total.
    /// It pages the list <c>Entities</c> gives (one query of the corpus table), so it stays true to that method's filters.
    /// </summary>
    public EntityPage EntitiesPage(string? type, string? name, int limit, int offset)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var named = Entities(null, name, int.MaxValue);
        var types = named.GroupBy(e => e.Type, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var matching = type is null ? named : [.. named.Where(e => e.Type == type)];
        return new EntityPage([.. matching.Skip(offset).Take(limit)], matching.Count, offset, limit, types);
    }

    /// <summary>An entity page as indented JSON.</summary>
    public static string ToJson(EntityPage page) => System.Text.Json.JsonSerializer.Serialize(page, SearchJson.Default.EntityPage);
}
