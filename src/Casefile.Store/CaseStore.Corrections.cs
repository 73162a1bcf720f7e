using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Casefile.Model;
using Casefile.Pipeline;
using Casefile.Resolution;
using Dapper;

namespace Casefile.Store;

/// <summary>What a corpus entity key names: the entity, another that it is now part of, a superseded one, or several by name.</summary>
public enum EntityLookupKind
{
    Found,
    Moved,
    Gone,
    Ambiguous,
    NotFound,
}

/// <summary>The answer to <see cref="CaseStore.Lookup"/>: the current id, and for a name the entities that have it.</summary>
public sealed record EntityLookup(EntityLookupKind Kind, string? Id, IReadOnlyList<EntityRow> Candidates, string Message);

/// <summary>A document's entity as a member of a corpus entity, with its serial (what corrections name).</summary>
public sealed record EntityMemberRow(long Serial, string Document, string? Title, string Entity, string Name, int Mentions, MentionLink? Link);

/// <summary>
/// Stable corpus entity ids and the corrections made against them. Every document's entity has a serial in
/// <c>entity_keys</c>, given when the document is stored and never reused; a corpus entity's id is "E" and the serial
/// of its anchor: the oldest member of a group the name rules made, or the entity a merge was made from. Corrections
/// name serials, never names, and are replayed in order over the name rules' groups on every rebuild, so an entity no
/// correction or new document touches keeps its id, and the id of a merged entity leads to the one it is now part of.
/// </summary>
public sealed partial class CaseStore
{
    /// <summary>The id of the corpus entity anchored at this serial.</summary>
    public static string EntityId(long serial) => "E" + serial.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("^[Ee](?<n>[0-9]{1,18})$", RegexOptions.CultureInvariant)]
    private static partial Regex StableId();

    [GeneratedRegex("^c[0-9]{1,9}$", RegexOptions.CultureInvariant)]
    private static partial Regex PositionalId();

    internal static long? SerialOf(string id) =>
        StableId().Match(id) is { Success: true } m && long.TryParse(m.Groups["n"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>
    /// Gives the entities of newly stored documents their serials, in the documents' transaction: a new version's entity
    /// takes the serial of its predecessor's entity of the same type and name (so ids survive a corrected text), the rest
    /// take new ones, larger than any given before.
    /// </summary>
    private void AssignEntityKeys(IReadOnlyList<(StoredInput Input, int Version)> inserted, DbTransaction tx)
    {
        var rows = new List<(string Document, string Entity, long? Serial)>();
        foreach (var (d, version) in inserted)
        {
            var previous = version <= 1 ? [] : _db.Query<(string Kind, string Label, long Serial)>("""
                SELECT i.kind, i.label, k.serial FROM entity_keys k
                JOIN documents p ON p.id = k.document_id
                JOIN items i ON i.document_id = k.document_id AND i.layer = 'entities' AND i.entity = k.entity_id
                WHERE p.doc_key = @DocKey AND p.version = @v
                ORDER BY i.ordinal
                """, new { d.DocKey, v = version - 1 }, tx).AsList();
            var taken = new HashSet<long>();
            foreach (var e in d.CaseFile.Entities ?? [])
            {
                var same = previous.FirstOrDefault(p => p.Kind == e.Type && string.Equals(p.Label, e.Name, StringComparison.OrdinalIgnoreCase) && !taken.Contains(p.Serial));
                long? serial = same.Label is null ? null : same.Serial;
                if (serial is { } s)
                {
                    taken.Add(s);
                }

                rows.Add((d.Hash, e.Id, serial));
            }
        }

        var fresh = rows.Count(r => r.Serial is null);
        var max = fresh == 0 || IsPostgres ? 0 : _db.ExecuteScalar<long>("SELECT COALESCE(MAX(serial), 0) FROM entity_keys", transaction: tx);
        var next = new Queue<long>(fresh == 0 ? [] : IsPostgres
            ? _db.Query<long>("SELECT nextval('entity_serial') FROM generate_series(1, @fresh) ORDER BY 1", new { fresh }, tx)
            : Enumerable.Range(1, fresh).Select(i => max + i));
        var all = rows.Select(r => (r.Document, r.Entity, Serial: r.Serial ?? next.Dequeue())).ToList();
        if (IsPostgres)
        {
            _db.Execute("INSERT INTO entity_keys (document_id, entity_id, serial) SELECT * FROM unnest(@docs, @entities, @serials)",
                new { docs = all.Select(r => r.Document).ToArray(), entities = all.Select(r => r.Entity).ToArray(), serials = all.Select(r => r.Serial).ToArray() }, tx);
        }
        else
        {
            foreach (var r in all)
            {
                _db.Execute("INSERT INTO entity_keys (document_id, entity_id, serial) VALUES (@Document, @Entity, @Serial)", new { r.Document, r.Entity, r.Serial }, tx);
            }
        }
    }

    /// <summary>An active correction as the rebuild replays it.</summary>
    private sealed record Replayed(long Id, string Action, StoreRows.CorrectionPayload Payload, string Author);

    /// <summary>A group while corrections are replayed: its members, its anchor serial and the entity that names it, if fixed.</summary>
    private sealed class Group
    {
        public List<(string Document, string Entity, MentionLink? Link)> Members { get; } = [];

        public long Anchor { get; set; }

        public (string Document, string Entity)? Head { get; set; }
    }

    /// <summary>
    /// The corpus entities with stable ids: the name rules' groups (<paramref name="resolved"/>), each anchored at its oldest
    /// member, then each correction by serials in the order they were made. A merge moves the second entity's members into
    /// the first's group, which keeps its anchor and its name; a split takes its members out into a group of their own;
    /// a correction whose members are gone (their document has a newer version) or that would join two types does nothing.
    /// </summary>
    private static List<CorpusEntity> Regroup(
        IReadOnlyList<CorpusEntity> resolved, Dictionary<(string, string), Entity> entities,
        Dictionary<(string, string), long> serials, IEnumerable<Replayed> corrections)
    {
        var byMember = new Dictionary<(string, string), Group>();
        var bySerial = serials.ToDictionary(kv => kv.Value, kv => kv.Key);
        var groups = new List<Group>();
        foreach (var e in resolved)
        {
            var g = new Group();
            foreach (var m in e.Documents)
            {
                var key = (m.Document, m.Entity);
                g.Members.Add((m.Document, m.Entity, m.Link));
                byMember[key] = g;
            }

            g.Anchor = g.Members.Min(m => Serial(m.Document, m.Entity));
            groups.Add(g);
        }

        foreach (var c in corrections)
        {
            var members = c.Payload.Members!.Where(bySerial.ContainsKey).Select(s => bySerial[s]).ToList();
            if (members.Count != c.Payload.Members!.Count)
            {
                continue; // a member's document has a newer version without it: the correction no longer applies
            }

            if (c.Action == "merge" && members.Count == 2)
            {
                var (a, b) = (byMember[members[0]], byMember[members[1]]);
                if (a == b)
                {
                    // One group already (the name rules now join them too): it is still anchored where the merge was made
                    // from, so its id does not depend on whether the rules or the correction joined it.
                    a.Anchor = c.Payload.Members![0];
                    continue;
                }

                var head = a.Head ?? HeadOf(a);
                if (entities[head].Type != entities[b.Head ?? HeadOf(b)].Type)
                {
                    continue;
                }

                var note = $"merged by {c.Author} (correction {c.Id.ToString(CultureInfo.InvariantCulture)})";
                foreach (var (m, i) in b.Members.OrderBy(m => Serial(m.Document, m.Entity)).Select((m, i) => (m, i)))
                {
                    a.Members.Add(i == 0 ? (m.Document, m.Entity, new MentionLink("correction-merge", 1.0, null, note)) : m);
                    byMember[(m.Document, m.Entity)] = a;
                }

                a.Head = head;
                a.Anchor = c.Payload.Members![0];
                b.Members.Clear();
            }
            else if (c.Action == "split" && members.Count > 0)
            {
                var split = new Group();
                foreach (var key in members)
                {
                    var from = byMember[key];
                    var index = from.Members.FindIndex(m => (m.Document, m.Entity) == key);
                    split.Members.Add((key.Item1, key.Item2, null));
                    from.Members.RemoveAt(index);
                    byMember[key] = split;
                    if (from.Members.Count > 0 && (from.Anchor == serials[key] || from.Head == key))
                    {
                        from.Anchor = from.Members.Min(m => Serial(m.Document, m.Entity));
                        from.Head = from.Head == key ? null : from.Head;
                    }
                }

                split.Anchor = split.Members.Min(m => Serial(m.Document, m.Entity));
                groups.Add(split);
            }
        }

        return [.. groups.Where(g => g.Members.Count > 0).Select(g => CorpusResolver.Assemble(
            EntityId(g.Anchor),
            [.. g.Members.OrderBy(m => Serial(m.Document, m.Entity) == g.Anchor ? 0 : 1).Select(m => new GroupMember(m.Document, entities[(m.Document, m.Entity)], m.Link))],
            g.Head is { } h ? entities[h] : null))];

        long Serial(string document, string entity) => serials.TryGetValue((document, entity), out var s) ? s
            : throw new InvalidDataException($"the entity {entity} of document {document} has no serial in entity_keys; open the store for writing once to repair it.");

        (string, string) HeadOf(Group g)
        {
            var top = CorpusResolver.Head(g.Members.Select(m => entities[(m.Document, m.Entity)]));
            var m = g.Members.First(m => ReferenceEquals(entities[(m.Document, m.Entity)], top));
            return (m.Document, m.Entity);
        }
    }

    /// <summary>
    /// What a key names: a current id (E12); an id whose entity is now part of another (merged, or joined by a new document);
    /// an id that no longer exists (its document has a newer version, or an older build's positional c12); a name or
    /// spelling, exact and ignoring case, held by one entity (as Moved, to its id) or by several (Ambiguous).
    /// </summary>
    public EntityLookup Lookup(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        RefreshCorpus();
        if (SerialOf(key) is { } serial)
        {
            key = EntityId(serial); // "e12" too: URLs are made lower-case
            if (_db.ExecuteScalar<int>("SELECT COUNT(*) FROM corpus_entities WHERE id = @key", new { key }) > 0)
            {
                return new EntityLookup(EntityLookupKind.Found, key, [], "");
            }

            var now = _db.QueryFirstOrDefault<string>("""
                SELECT m.corpus_id FROM entity_keys k JOIN corpus_members m ON m.document_id = k.document_id AND m.entity_id = k.entity_id
                WHERE k.serial = @serial
                """, new { serial });
            if (now is not null)
            {
                return new EntityLookup(EntityLookupKind.Moved, now, [], $"{key} is now part of {now}.");
            }

            var old = _db.Query<(string Doc, string? Title, string Key)>("""
                SELECT d.id, d.title, d.doc_key FROM entity_keys k JOIN documents d ON d.id = k.document_id WHERE k.serial = @serial
                """, new { serial }).AsList();
            return old.Count == 0
                ? new EntityLookup(EntityLookupKind.NotFound, null, [], $"there is no entity {key}.")
                : new EntityLookup(EntityLookupKind.Gone, null, [],
                    $"the entity {key} was in a version of \"{old[0].Title ?? old[0].Key}\" that a newer version replaced, which does not have it; find it by name on the entity list.");
        }

        if (PositionalId().IsMatch(key))
        {
            return new EntityLookup(EntityLookupKind.Gone, null, [],
                $"{key} is a position in the entity list of an older casefile; entity ids are now stable (E…). Find the entity by name.");
        }

        var named = Entities(name: key, limit: 100_000)
            .Where(e => e.Name.Equals(key, StringComparison.OrdinalIgnoreCase) || e.Aliases.Contains(key, StringComparer.OrdinalIgnoreCase)).ToList();
        return named.Count switch
        {
            0 => new EntityLookup(EntityLookupKind.NotFound, null, [], $"no entity is named \"{key}\"."),
            1 => new EntityLookup(EntityLookupKind.Moved, named[0].Id, named, ""),
            _ => new EntityLookup(EntityLookupKind.Ambiguous, null, named,
                $"{named.Count} entities are named \"{key}\": {string.Join(", ", named.Select(e => $"{e.Id} ({e.Type}, {e.Mentions} mentions)"))}; give the id."),
        };
    }

    /// <summary>The id a key names now (a current id, or the one a merged id or an unambiguous name leads to); a coded error otherwise.</summary>
    public string ResolveId(string key) => IdOf(Lookup(key));

    private static string IdOf(EntityLookup found) =>
        found.Kind switch
        {
            EntityLookupKind.Found or EntityLookupKind.Moved => found.Id!,
            EntityLookupKind.Ambiguous => throw new CasefileException(StoreErrors.AmbiguousName, found.Message),
            EntityLookupKind.Gone => throw new CasefileException(StoreErrors.EntityGone, found.Message),
            _ => throw new CasefileException(StoreErrors.NotFound, found.Message + " List them with 'casefile entities --name …'."),
        };

    /// <summary>The members of a corpus entity with their serials and titles, oldest serial first.</summary>
    public IReadOnlyList<EntityMemberRow> Members(string id)
    {
        if (CorpusEntity(id) is not { } entity)
        {
            return [];
        }

        var rows = _db.Query<(string Doc, string Entity, long Serial, string? Title)>("""
            SELECT m.document_id, m.entity_id, k.serial, d.title FROM corpus_members m
            JOIN entity_keys k ON k.document_id = m.document_id AND k.entity_id = m.entity_id
            JOIN documents d ON d.id = m.document_id
            WHERE m.corpus_id = @id
            """, new { id }).ToDictionary(r => (r.Doc, r.Entity));
        return [.. entity.Documents.Select(m => rows.TryGetValue((m.Document, m.Entity), out var r)
                ? new EntityMemberRow(r.Serial, m.Document, r.Title, m.Entity, m.Name, m.Mentions, m.Link)
                : null)
            .OfType<EntityMemberRow>().OrderBy(m => m.Serial)];
    }

    /// <summary>
    /// What a page shows of an entity's state, to send back with a correction: changes when its members change (a merge, a
    /// split, a document joining or leaving), not when other entities do.
    /// </summary>
    public string Fingerprint(string id) => Fingerprints().GetValueOrDefault(id) ?? "";

    /// <summary>The fingerprints of every corpus entity (one query), for a page that offers many of them.</summary>
    public IReadOnlyDictionary<string, string> Fingerprints()
    {
        RefreshCorpus();
        return _db.Query<(string Corpus, long Serial)>("""
                SELECT m.corpus_id, k.serial FROM corpus_members m JOIN entity_keys k ON k.document_id = m.document_id AND k.entity_id = m.entity_id
                """)
            .GroupBy(r => r.Corpus, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
                string.Join(',', g.Select(r => r.Serial).Order().Select(n => n.ToString(CultureInfo.InvariantCulture))))))[..12], StringComparer.Ordinal);
    }

    /// <summary>
    /// Merges exactly two corpus entities: <paramref name="otherId"/>'s members join <paramref name="id"/>'s, which keeps its id
    /// and name. With fingerprints (what the page showed), refuses with CF2810 when either entity changed since; a key that
    /// now leads elsewhere is followed only without them (the CLI). CF2812 for two types, CF2811 for one entity twice.
    /// Returns the two entities as they were.
    /// </summary>
    public (CorpusEntity Into, CorpusEntity Other) Merge(string id, string otherId, string author, string? seen = null, string? otherSeen = null)
    {
        ArgumentNullException.ThrowIfNull(author);
        var into = Current(id, seen);
        var other = Current(otherId, otherSeen);
        if (into.Id == other.Id)
        {
            throw new CasefileException(StoreErrors.InvalidCorrection, $"{id} and {otherId} are one entity already ({into.Id} \"{into.Name}\"); nothing to merge.");
        }

        if (into.Type != other.Type)
        {
            throw new CasefileException(StoreErrors.TypesDiffer,
                $"{into.Id} \"{into.Name}\" is a {into.Type} and {other.Id} \"{other.Name}\" a {other.Type}: only entities of one type can be merged. If the type is wrong, correct the documents instead.");
        }

        Record("merge", new StoreRows.CorrectionPayload([into.Name, other.Name], null, [SerialOf(into.Id)!.Value, SerialOf(other.Id)!.Value], into.Id), author);
        return (into, other);
    }

    /// <summary>Takes one document's entity (by serial) out of a corpus entity into one of its own; CF2811 when it is not a member or the only one.</summary>
    public (CorpusEntity From, EntityMemberRow Member) Split(string id, long member, string author, string? seen = null)
    {
        ArgumentNullException.ThrowIfNull(author);
        var from = Current(id, seen);
        var members = Members(from.Id);
        var m = members.FirstOrDefault(x => x.Serial == member)
            ?? throw new CasefileException(StoreErrors.InvalidCorrection, $"{EntityId(member)} is not a member of {from.Id} \"{from.Name}\"; reload its page.");
        if (members.Count == 1)
        {
            throw new CasefileException(StoreErrors.InvalidCorrection, $"{from.Id} \"{from.Name}\" has one member only; there is nothing to split off.");
        }

        Record("split", new StoreRows.CorrectionPayload([m.Name], from.Name, [member], from.Id), author);
        return (from, m);
    }

    /// <summary>The members of <paramref name="id"/> whose own entity has this spelling (for <c>casefile correct --split</c>).</summary>
    public IReadOnlyList<EntityMemberRow> MembersSpelled(string id, string spelling)
    {
        var entity = CorpusEntity(id);
        if (entity is null)
        {
            return [];
        }

        var spelled = new HashSet<(string, string)>();
        foreach (var (doc, cf, _) in CaseFiles([.. entity.Documents.Select(m => m.Document).Distinct()]))
        {
            foreach (var e in (cf.Entities ?? []).Where(e => e.Aliases.Contains(spelling, StringComparer.OrdinalIgnoreCase) || e.Name.Equals(spelling, StringComparison.OrdinalIgnoreCase)))
            {
                spelled.Add((doc, e.Id));
            }
        }

        return [.. Members(id).Where(m => spelled.Contains((m.Document, m.Entity)))];
    }

    /// <summary>Splits several members off together (one correction).</summary>
    public void SplitMembers(string id, IReadOnlyList<EntityMemberRow> members, string author)
    {
        ArgumentNullException.ThrowIfNull(members);
        var from = Current(id, null);
        if (members.Count == 0 || members.Count >= Members(from.Id).Count)
        {
            throw new CasefileException(StoreErrors.InvalidCorrection, $"splitting {members.Count} of the members of {from.Id} \"{from.Name}\" would leave nothing to split from; name a spelling that only some of its documents use.");
        }

        Record("split", new StoreRows.CorrectionPayload([.. members.Select(m => m.Name).Distinct()], from.Name, [.. members.Select(m => m.Serial)], from.Id), author);
    }

    /// <summary>
    /// Undoes a correction that exists and is active, from an entity it touches (its members are among the entity's, or, for
    /// a correction by names, the names are its spellings): CF2813 for no such correction, CF2814 undone already, CF2815 not
    /// this entity's. <paramref name="entityId"/> null (the CLI) undoes it wherever it applies.
    /// </summary>
    public CorrectionRow Undo(long correction, string? entityId, string author)
    {
        ArgumentNullException.ThrowIfNull(author);
        var row = Corrections().FirstOrDefault(c => c.Id == correction)
            ?? throw new CasefileException(StoreErrors.NoSuchCorrection, $"there is no correction {correction}; the corrections are listed on each entity's page and by /api/corrections.");
        if (row.UndoneAt is not null)
        {
            throw new CasefileException(StoreErrors.UndoneAlready, $"correction {correction} was undone already, by {row.UndoneBy} at {row.UndoneAt}.");
        }

        if (entityId is not null && !CorrectionsOf(ResolveId(entityId)).Any(c => c.Id == correction))
        {
            throw new CasefileException(StoreErrors.CorrectionElsewhere,
                $"correction {correction} ({row.Action} {string.Join(" + ", row.Names)}) does not touch {entityId}; undo it from the page of {row.Entity ?? "the entity it names"}.");
        }

        var changed = _db.Execute("UPDATE corrections SET undone_at = @at, undone_by = @author WHERE id = @correction AND undone_at IS NULL", new { correction, author, at = Now() });
        if (changed == 0)
        {
            throw new CasefileException(StoreErrors.UndoneAlready, $"correction {correction} was undone already (at the same moment, by someone else).");
        }

        _db.Execute("DELETE FROM store_meta WHERE key = 'corpus_generation'"); // the corpus table is rebuilt on the next query
        return row;
    }

    /// <summary>The corrections that touch an entity now (its members, or for corrections by names its spellings), newest first, undone ones included.</summary>
    public IReadOnlyList<CorrectionRow> CorrectionsOf(string id)
    {
        if (CorpusEntity(id) is not { } entity)
        {
            return [];
        }

        var serials = Members(id).Select(m => m.Serial).ToHashSet();
        var names = entity.Aliases.Append(entity.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return [.. Corrections().Where(c => c.Members is { Count: > 0 } members
            ? members.Any(serials.Contains) || c.Entity == id
            : c.Names.Any(names.Contains) || (c.From is not null && names.Contains(c.From)))];
    }

    /// <summary>A key's current entity; CF2810 when the page's fingerprint no longer matches (or the key now leads elsewhere).</summary>
    private CorpusEntity Current(string key, string? seen)
    {
        var found = Lookup(key);
        if (seen is not null && found.Kind == EntityLookupKind.Moved && SerialOf(key) is not null)
        {
            throw new CasefileException(StoreErrors.EntityChanged, $"{key} changed since the page was loaded: {found.Message} Reload the page and choose again.");
        }

        var id = IdOf(found);
        if (seen is not null && Fingerprint(id) != seen)
        {
            throw new CasefileException(StoreErrors.EntityChanged,
                $"{id} changed since the page was loaded (a merge, a split or a new document); reload the page and choose again.");
        }

        return CorpusEntity(id)!;
    }

    private void Record(string action, StoreRows.CorrectionPayload payload, string author)
    {
        var json = JsonSerializer.Serialize(payload, StoreJson.Default.CorrectionPayload);
        _db.Execute("INSERT INTO corrections (action, payload, author, created_at) VALUES (@action, @json, @author, @at)", new { action, json, author, at = Now() });
        _db.Execute("DELETE FROM store_meta WHERE key = 'corpus_generation'"); // the corpus table is rebuilt on the next query
    }

    /// <summary>Every corpus entity (after a refresh), in the order of their ids' serials: what an export from the store joins documents by.</summary>
    public IReadOnlyList<CorpusEntity> CorpusEntities()
    {
        RefreshCorpus();
        return [.. _db.Query<string>("SELECT json FROM corpus_entities").Select(j => JsonSerializer.Deserialize(j, StoreJson.Default.CorpusEntity)!).OrderBy(e => SerialOf(e.Id))];
    }

    /// <summary>Reads the serials of the latest versions' entities.</summary>
    private Dictionary<(string, string), long> LatestSerials() =>
        _db.Query<(string Doc, string Entity, long Serial)>($"SELECT k.document_id, k.entity_id, k.serial FROM entity_keys k JOIN documents d ON d.id = k.document_id WHERE {Latest}")
            .ToDictionary(r => (r.Doc, r.Entity), r => r.Serial);

    /// <summary>Active corrections, split into those by serials (replayed by <see cref="Regroup"/>) and an older build's by names (given to the resolver).</summary>
    private (List<Replayed> BySerial, Corrections? ByName) ActiveCorrections()
    {
        var all = _db.Query<(long Id, string Action, string Payload, string Author)>("SELECT id, action, payload, author FROM corrections WHERE undone_at IS NULL ORDER BY id")
            .Select(c => new Replayed(c.Id, c.Action, JsonSerializer.Deserialize(c.Payload, StoreJson.Default.CorrectionPayload)!, c.Author)).ToList();
        var byName = all.Where(c => c.Payload.Members is null).ToList();
        return ([.. all.Where(c => c.Payload.Members is not null)],
            byName.Count == 0 ? null : new Corrections(
                [.. byName.Where(c => c.Action == "merge").Select(c => c.Payload.Names)],
                [.. byName.Where(c => c.Action == "split").SelectMany(c => c.Payload.Names.Select(n => new SplitCorrection(n, c.Payload.From)))]));
    }
}
