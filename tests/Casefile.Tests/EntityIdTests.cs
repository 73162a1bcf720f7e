using System.Net;
using System.Text.RegularExpressions;
using Casefile.Ingest;
using Casefile.Pipeline;
using Casefile.Store;
using Casefile.Tests.Support;
using Casefile.Web;
using FsCheck;
using FsCheck.Fluent;

namespace Casefile.Tests;

/// <summary>
/// Stable corpus entity ids and corrections that do exactly what was asked (issue 17, points 1, 2, 3, 5): in the store on
/// both back-ends, through the CLI's store calls, on the entity page and in the API; and a property over random
/// sequences of ingests, merges, splits and undos.
/// </summary>
public sealed partial class EntityIdTests : IDisposable
{
    // Invented: a mine director, an envoy, a holding, and two unrelated people both written only "Brandt".
    private static readonly (string Name, string Text)[] Texts =
    [
        ("d1.txt", "Mine director meets envoy\n\nMarat Velikov, the director of Orlan Mining, met Sofia Brandt in Tarsk on 3 March 2024. Velikov said the talks went well."),
        ("d2.txt", "Payment questioned\n\nSofia Brandt said Orlan Mining paid 2 million dollars to Kestrel Holdings in 2023. Brandt did not give details."),
        ("d3.txt", "Director detained\n\nPolice in Tarsk detained Marat Velikov on 9 April 2024. Kestrel Holdings denied any payment."),
        ("d4.txt", "Farm dispute\n\nBrandt, a farmer near Tarsk, refused to sell his land to Orlan Mining. Brandt said the offer was too low."),
        ("d5.txt", "Envoy speaks\n\nBrandt told reporters in Tarsk that the envoy would return in May. Brandt declined to comment further."),
    ];

    // New versions of d5: one with the same names (its entities keep their serials), one without Brandt.
    private const string D5SameNames = "Envoy speaks again\n\nBrandt told reporters in Tarsk on Friday that the envoy would return in June. Brandt declined to comment further.";
    private const string D5WithoutBrandt = "Envoy speaks again\n\nA spokesman told reporters in Tarsk that the envoy would return in June.";

    private readonly string _dir = Directory.CreateTempSubdirectory("casefile-ids-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    public static TheoryData<string> Backends() => ["sqlite", "postgres"];

    private StoreLocation NewLocation(string backend) =>
        StoreLocation.Parse(backend == "sqlite" ? Path.Combine(_dir, $"s-{Guid.NewGuid():N}.db") : Postgres.NewDatabase());

    private string Write(string folder, string name, string text)
    {
        var path = Path.Combine(_dir, folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private static void Ingest(CaseStore store, params string[] paths) =>
        Assert.Equal(0, IngestRunner.Run(store, CasefileAnalyzer.DefaultPipeline, paths, new IngestOptions()).Failed);

    /// <summary>A store holding the given fixture documents (by index), files in a folder of their own.</summary>
    private (CaseStore Store, string Folder) NewStore(string backend, params int[] which)
    {
        var folder = "in-" + Guid.NewGuid().ToString("N")[..8];
        var store = CaseStore.Open(NewLocation(backend));
        Ingest(store, [.. which.Select(i => Write(folder, Texts[i].Name, Texts[i].Text))]);
        return (store, folder);
    }

    /// <summary>Each entity id with the serials of its members.</summary>
    private static Dictionary<string, HashSet<long>> Snapshot(CaseStore store) =>
        store.CorpusEntities().ToDictionary(e => e.Id, e => store.Members(e.Id).Select(m => m.Serial).ToHashSet(), StringComparer.Ordinal);

    private static string Id(CaseStore store, string type, string name) =>
        Assert.Single(store.Entities(type), e => e.Name == name).Id;

    [Theory]
    [MemberData(nameof(Backends))]
    public void Ids_stay_put_when_other_entities_are_merged_and_when_documents_are_added(string backend)
    {
        var (store, folder) = NewStore(backend, 0, 1, 2, 3);
        using var _ = store;
        var before = Snapshot(store);
        var velikov = Id(store, "PER", "Marat Velikov");
        var kestrel = Id(store, "ORG", "Kestrel Holdings");
        Assert.Equal(2, store.Members(velikov).Count); // d1 and d3, joined by the name rules

        // A merge of two other entities changes neither id nor what it names.
        var sofia = Assert.Single(store.Entities("PER"), e => e.Name == "Sofia Brandt").Id;
        var brandt = Id(store, "PER", "Brandt");
        store.Merge(sofia, brandt, "tester");
        var after = Snapshot(store);
        foreach (var (id, members) in before.Where(b => b.Key != sofia && b.Key != brandt))
        {
            Assert.True(after.TryGetValue(id, out var now) && now.SetEquals(members), $"{id} changed");
        }

        // The merged-away id leads to the entity it is now part of.
        var moved = store.Lookup(brandt);
        Assert.Equal((EntityLookupKind.Moved, sofia), (moved.Kind, moved.Id));

        // Ingesting more documents leaves ids alone; a new document naming Velikov joins his entity under the same id.
        Ingest(store, Write(folder, "d6.txt", "Trial date set\n\nMarat Velikov will stand trial in Tarsk in June, his lawyer said."));
        Assert.Equal(3, store.Members(velikov).Count);
        Assert.Equal(EntityLookupKind.Found, store.Lookup(velikov).Kind);
        Assert.Equal(before[kestrel], Snapshot(store)[kestrel]);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void A_merge_joins_exactly_the_two_entities_chosen_never_others_of_the_same_name(string backend)
    {
        var (store, _) = NewStore(backend, 1, 3, 4);
        using var __ = store;
        var brandts = store.Entities("PER").Where(e => e.Name == "Brandt").Select(e => e.Id).ToList();
        Assert.Equal(2, brandts.Count); // the farmer (d4) and the one in d5: a bare surname never joins across documents
        var sofia = Id(store, "PER", "Sofia Brandt");
        var (farmer, other) = (brandts[0], brandts[1]);

        var (into, merged) = store.Merge(farmer, sofia, "tester");
        Assert.Equal((farmer, "Brandt", sofia, "Sofia Brandt"), (into.Id, into.Name, merged.Id, merged.Name));
        var result = store.CorpusEntity(farmer)!;
        Assert.Equal("Brandt", result.Name); // named after the entity merged into, whatever the other's name
        Assert.Equal(2, result.Documents.Count);
        Assert.Single(store.CorpusEntity(other)!.Documents); // the other Brandt is untouched
        Assert.Equal(EntityLookupKind.Ambiguous, store.Lookup("Brandt").Kind);
        Assert.Equal(StoreErrors.AmbiguousName, Assert.Throws<CasefileException>(() => store.ResolveId("Brandt")).Code);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void A_merge_across_types_or_of_one_entity_with_itself_is_refused_and_stores_nothing(string backend)
    {
        var (store, _) = NewStore(backend, 0, 1, 2);
        using var __ = store;
        var person = Id(store, "PER", "Marat Velikov");
        var org = Id(store, "ORG", "Kestrel Holdings");
        Assert.Equal(StoreErrors.TypesDiffer, Assert.Throws<CasefileException>(() => store.Merge(person, org, "tester")).Code);
        Assert.Equal(StoreErrors.InvalidCorrection, Assert.Throws<CasefileException>(() => store.Merge(person, person, "tester")).Code);
        Assert.Empty(store.Corrections());
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void A_correction_made_on_a_page_loaded_before_another_users_change_is_refused(string backend)
    {
        var (store, _) = NewStore(backend, 1, 3, 4);
        using var __ = store;
        var brandts = store.Entities("PER").Where(e => e.Name == "Brandt").Select(e => e.Id).ToList();
        var sofia = Id(store, "PER", "Sofia Brandt");
        // User A opens the farmer's page: it shows the fingerprints of the farmer and of the candidate, the other Brandt.
        var seen = store.Fingerprints();
        var (aSelf, aOther) = (seen[brandts[0]], seen[brandts[1]]);
        // User B merges the candidate into Sofia Brandt meanwhile.
        store.Merge(sofia, brandts[1], "user B");
        // A submits: the candidate A chose is now part of another entity, so nothing is merged.
        var refused = Assert.Throws<CasefileException>(() => store.Merge(brandts[0], brandts[1], "user A", aSelf, aOther));
        Assert.Equal(StoreErrors.EntityChanged, refused.Code);
        Assert.Single(store.Corrections());
        // A fresh page carries the fingerprints of what is there now, and the merge goes through.
        seen = store.Fingerprints();
        store.Merge(brandts[0], sofia, "user A", seen[brandts[0]], seen[sofia]);
        Assert.Equal(3, store.CorpusEntity(brandts[0])!.Documents.Count);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Undo_takes_only_an_active_correction_that_exists_from_an_entity_it_touches(string backend)
    {
        var (store, _) = NewStore(backend, 0, 1, 2, 3);
        using var __ = store;
        var velikov = Id(store, "PER", "Marat Velikov");
        var sofia = Id(store, "PER", "Sofia Brandt");
        var farmer = Id(store, "PER", "Brandt");
        var kestrel = Id(store, "ORG", "Kestrel Holdings");
        store.Merge(sofia, farmer, "tester");
        var id = Assert.Single(store.Corrections()).Id;

        Assert.Equal(StoreErrors.NoSuchCorrection, Assert.Throws<CasefileException>(() => store.Undo(id + 41, sofia, "tester")).Code);
        Assert.Equal(StoreErrors.CorrectionElsewhere, Assert.Throws<CasefileException>(() => store.Undo(id, kestrel, "tester")).Code);
        Assert.Equal(StoreErrors.CorrectionElsewhere, Assert.Throws<CasefileException>(() => store.Undo(id, velikov, "tester")).Code);
        Assert.Null(Assert.Single(store.Corrections()).UndoneAt);

        store.Undo(id, farmer, "tester"); // from the merged-away id too: it leads to the merged entity
        Assert.Equal(StoreErrors.UndoneAlready, Assert.Throws<CasefileException>(() => store.Undo(id, sofia, "tester")).Code);
        Assert.Equal(EntityLookupKind.Found, store.Lookup(farmer).Kind);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void A_split_takes_one_documents_entity_out_keeps_it_apart_and_can_be_undone(string backend)
    {
        var (store, folder) = NewStore(backend, 0, 1, 2);
        using var _ = store;
        var velikov = Id(store, "PER", "Marat Velikov");
        var members = store.Members(velikov);
        Assert.Equal(2, members.Count);
        var (anchor, second) = (members[0], members[1]);
        Assert.Equal(velikov, CaseStore.EntityId(anchor.Serial));

        store.Split(velikov, second.Serial, "tester");
        Assert.Equal([anchor.Serial], store.Members(velikov).Select(m => m.Serial));
        var split = CaseStore.EntityId(second.Serial);
        Assert.Equal([second.Serial], store.Members(split).Select(m => m.Serial));
        Assert.Equal(StoreErrors.InvalidCorrection, Assert.Throws<CasefileException>(() => store.Split(velikov, anchor.Serial, "tester")).Code); // one member left

        // A new document does not undo the split: it joins one side by the name rules, the other side stays apart.
        Ingest(store, Write(folder, "d6.txt", "Trial date set\n\nMarat Velikov will stand trial in Tarsk in June, his lawyer said."));
        Assert.NotEqual(store.Lookup(velikov).Id, store.Lookup(split).Id);

        store.Undo(store.CorrectionsOf(split).Single().Id, split, "tester");
        Assert.Equal(3, store.Members(velikov).Count);
        Assert.Equal((EntityLookupKind.Moved, velikov), (store.Lookup(split).Kind, store.Lookup(split).Id));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void A_new_version_keeps_the_ids_of_entities_it_still_names_and_a_superseded_or_positional_id_is_gone(string backend)
    {
        var (store, folder) = NewStore(backend, 4);
        using var _ = store;
        var brandt = Id(store, "PER", "Brandt");
        var tarsk = Id(store, "LOC", "Tarsk");
        Ingest(store, Write(folder, Texts[4].Name, D5SameNames));
        Assert.Equal(2, store.Counts().Versions);
        Assert.Equal((brandt, tarsk), (Id(store, "PER", "Brandt"), Id(store, "LOC", "Tarsk")));

        Ingest(store, Write(folder, Texts[4].Name, D5WithoutBrandt));
        var gone = store.Lookup(brandt);
        Assert.Equal(EntityLookupKind.Gone, gone.Kind);
        Assert.Contains("newer version", gone.Message, StringComparison.Ordinal);
        Assert.Equal(StoreErrors.EntityGone, Assert.Throws<CasefileException>(() => store.ResolveId(brandt)).Code);
        Assert.Equal(tarsk, Id(store, "LOC", "Tarsk"));
        Assert.Equal(EntityLookupKind.Gone, store.Lookup("c1").Kind);
        Assert.Equal(EntityLookupKind.NotFound, store.Lookup("E999999").Kind);
    }

    /// <summary>
    /// Random sequences of ingests (new documents and new versions), merges, splits and undos: after each step, every entity
    /// whose members did not change keeps its id, every id that existed before still leads somewhere that holds its anchor
    /// (or is gone with its document's old version), and every id names the entity that holds its anchor.
    /// </summary>
    [FsCheck.Xunit.Property(MaxTest = 20)]
    public Property Random_corrections_and_ingests_never_change_what_an_untouched_entitys_id_points_to() =>
        Prop.ForAll(Gen.ListOf(Gen.Choose(0, 1_000_000)).Select(l => l.Take(10).ToArray()).ToArbitrary(), steps =>
        {
            using var store = CaseStore.Open(NewLocation("sqlite"));
            var folder = "p-" + Guid.NewGuid().ToString("N")[..8];
            var pending = Enumerable.Range(0, Texts.Length).ToList();
            Ingest(store, Write(folder, Texts[0].Name, Texts[0].Text), Write(folder, Texts[2].Name, Texts[2].Text));
            pending.Remove(0);
            pending.Remove(2);
            var versions = 0;
            foreach (var step in steps)
            {
                var before = Snapshot(store);
                var ids = before.Keys.Order(StringComparer.Ordinal).ToList();
                var pick = step / 6;
                switch (step % 6)
                {
                    case 0 when pending.Count > 0:
                        var i = pending[pick % pending.Count];
                        pending.Remove(i);
                        Ingest(store, Write(folder, Texts[i].Name, Texts[i].Text));
                        break;
                    case 1:
                        Ingest(store, Write(folder, Texts[4].Name, (versions++ % 2 == 0 ? D5WithoutBrandt : D5SameNames) + (pick % 7 == 0 ? "" : "\n")));
                        break;
                    case 2 or 3:
                        var a = ids[pick % ids.Count];
                        var same = ids.Where(x => x != a && store.CorpusEntity(x)!.Type == store.CorpusEntity(a)!.Type).ToList();
                        if (same.Count > 0)
                        {
                            store.Merge(a, same[pick / 7 % same.Count], "p");
                        }

                        break;
                    case 4:
                        var several = ids.Where(x => before[x].Count > 1).ToList();
                        if (several.Count > 0)
                        {
                            var e = several[pick % several.Count];
                            store.Split(e, before[e].Order().ElementAt(pick / 7 % before[e].Count), "p");
                        }

                        break;
                    default:
                        var active = store.Corrections().Where(c => c.UndoneAt is null).ToList();
                        if (active.Count > 0)
                        {
                            store.Undo(active[pick % active.Count].Id, null, "p");
                        }

                        break;
                }

                var after = Snapshot(store);
                foreach (var (id, members) in before)
                {
                    var untouched = after.FirstOrDefault(kv => kv.Value.SetEquals(members));
                    if (untouched.Key is not null && untouched.Key != id)
                    {
                        return false.Label($"step {step}: {id} with members {string.Join(',', members)} is {untouched.Key} now");
                    }

                    var found = store.Lookup(id);
                    var anchor = CaseStore.SerialOf(id)!.Value;
                    if (found.Kind is EntityLookupKind.Found or EntityLookupKind.Moved ? !after[found.Id!].Contains(anchor) : found.Kind != EntityLookupKind.Gone)
                    {
                        return false.Label($"step {step}: {id} leads to {found.Kind} {found.Id}");
                    }
                }

                if (after.Any(kv => !kv.Value.Contains(CaseStore.SerialOf(kv.Key)!.Value)))
                {
                    return false.Label($"step {step}: an id that does not hold its anchor");
                }
            }

            return true.Label("ok");
        });

    // ---- The entity page and the API ----

    private (WebFactory Factory, HttpClient Client, StoreLocation Location) Serve(params int[] which)
    {
        var location = NewLocation("sqlite");
        using (var store = CaseStore.Open(location))
        {
            Ingest(store, [.. which.Select(i => Write("web-" + location.Display.GetHashCode(StringComparison.Ordinal), Texts[i].Name, Texts[i].Text))]);
        }

        var factory = new WebFactory(new WebOptions { Store = location, Port = 0, Environment = "Production", LogLevel = Microsoft.Extensions.Logging.LogLevel.None });
        return (factory, factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false }), location);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Loads an entity page as a browser would and returns its antiforgery token, cookie and the page.</summary>
    private static async Task<(string Token, string Cookie, string Html)> Load(HttpClient client, string url)
    {
        var response = await client.GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Ct);
        var token = TokenField().Match(html).Groups[1].Value;
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("casefile.af=", StringComparison.Ordinal)).Split(';')[0];
        return (token, cookie, html);
    }

    private static async Task<HttpResponseMessage> Post(HttpClient client, string url, string token, string cookie, params (string, string)[] fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new FormUrlEncodedContent([.. fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)), new("__RequestVerificationToken", token)]),
        };
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request, Ct);
    }

    [Fact]
    public async Task The_entity_page_merges_what_its_form_showed_and_refuses_a_stale_or_cross_type_merge_with_its_code()
    {
        var (factory, client, location) = Serve(1, 3, 4, 2);
        using var _ = factory;
        using var __ = client;
        string farmer, other, sofia, kestrel;
        using (var store = CaseStore.Open(location))
        {
            var brandts = store.Entities("PER").Where(e => e.Name == "Brandt").Select(e => e.Id).ToList();
            (farmer, other, sofia, kestrel) = (brandts[0], brandts[1], Id(store, "PER", "Sofia Brandt"), Id(store, "ORG", "Kestrel Holdings"));
        }

        // User A's page offers the other Brandt with its fingerprint.
        var (token, cookie, html) = await Load(client, $"/entities/{farmer}");
        var option = Regex.Match(html, $"<option value=\"({other}:[0-9a-f]{{12}})\"").Groups[1].Value;
        var seen = Regex.Match(html, "name=\"seen\" value=\"([0-9a-f]{12})\"").Groups[1].Value;
        Assert.NotEmpty(option);

        // User B merges that Brandt into Sofia Brandt from Sofia's page.
        var (tokenB, cookieB, htmlB) = await Load(client, $"/entities/{sofia}");
        var optionB = Regex.Match(htmlB, $"<option value=\"({other}:[0-9a-f]{{12}})\"").Groups[1].Value;
        var seenB = Regex.Match(htmlB, "name=\"seen\" value=\"([0-9a-f]{12})\"").Groups[1].Value;
        var b = await Post(client, $"/entities/{sofia}?handler=Merge", tokenB, cookieB, ("other", optionB), ("seen", seenB), ("by", "user B"));
        Assert.Equal(HttpStatusCode.Redirect, b.StatusCode);
        Assert.Equal($"/entities/{sofia}", b.Headers.Location!.ToString());

        // A submits the stale form: refused, with the code, and nothing else is stored.
        var a = await Post(client, $"/entities/{farmer}?handler=Merge", token, cookie, ("other", option), ("seen", seen), ("by", "user A"));
        Assert.Equal(HttpStatusCode.Conflict, a.StatusCode);
        Assert.Contains(StoreErrors.EntityChanged, await a.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        // Across types: refused on the server even though the form never offers it.
        var (token2, cookie2, html2) = await Load(client, $"/entities/{farmer}");
        var seen2 = Regex.Match(html2, "name=\"seen\" value=\"([0-9a-f]{12})\"").Groups[1].Value;
        Assert.DoesNotContain($"value=\"{kestrel}:", html2, StringComparison.Ordinal);
        string kestrelSeen;
        using (var store = CaseStore.Open(location))
        {
            kestrelSeen = store.Fingerprint(kestrel);
            var typed = await Post(client, $"/entities/{farmer}?handler=Merge", token2, cookie2, ("other", $"{kestrel}:{kestrelSeen}"), ("seen", seen2));
            Assert.Equal(HttpStatusCode.BadRequest, typed.StatusCode);
            Assert.Contains(StoreErrors.TypesDiffer, await typed.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
            var only = Assert.Single(store.Corrections());
            Assert.Equal("user B", only.Author);
            Assert.Equal([CaseStore.SerialOf(sofia)!.Value, CaseStore.SerialOf(other)!.Value], only.Members!);
        }

        // The merged-away id redirects (page and API); the page of the merged entity names both documents.
        var moved = await client.GetAsync($"/entities/{other}?claims=1", Ct);
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Equal($"/entities/{sofia}?claims=1", moved.Headers.Location!.ToString());
        var api = await client.GetAsync($"/api/entities/{other}", Ct);
        Assert.Equal(HttpStatusCode.Redirect, api.StatusCode);
        // A corpus filter bookmarked with the merged-away id lists the documents of the entity it is part of now.
        var filtered = await client.GetStringAsync($"/?entity={other}", Ct);
        Assert.Contains("Payment questioned", filtered, StringComparison.Ordinal);
        Assert.Equal($"/api/entities/{sofia}", api.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Names_are_never_keys_a_name_leads_to_its_one_entity_or_lists_several_and_old_ids_are_gone()
    {
        var (factory, client, location) = Serve(0, 2, 3, 4);
        using var _ = factory;
        using var __ = client;
        string velikov;
        using (var store = CaseStore.Open(location))
        {
            velikov = Id(store, "PER", "Marat Velikov");
        }

        var one = await client.GetAsync("/entities/Marat%20Velikov", Ct);
        Assert.Equal(HttpStatusCode.Redirect, one.StatusCode);
        Assert.Equal($"/entities/{velikov}", one.Headers.Location!.ToString());
        var several = await client.GetAsync("/entities/Brandt", Ct);
        Assert.Equal(HttpStatusCode.OK, several.StatusCode);
        var list = await several.Content.ReadAsStringAsync(Ct);
        Assert.Contains("2 entities are named “Brandt”", list, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Count(list, "<li><a href=\"/entities/E[0-9]+\">Brandt</a>"));
        var api = await client.GetAsync("/api/entities/Brandt", Ct);
        Assert.Equal(HttpStatusCode.Conflict, api.StatusCode);
        Assert.Contains(StoreErrors.AmbiguousName, await api.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var old = await client.GetAsync("/entities/c3", Ct);
        Assert.Equal(HttpStatusCode.Gone, old.StatusCode);
        Assert.Contains("older casefile", await old.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/entities/E987654", Ct)).StatusCode);
    }

    [Fact]
    public async Task Undo_on_the_entity_page_takes_only_a_correction_that_exists_and_touches_the_entity()
    {
        var (factory, client, location) = Serve(0, 1, 2, 3);
        using var _ = factory;
        using var __ = client;
        string sofia, farmer, velikov;
        long id;
        using (var store = CaseStore.Open(location))
        {
            (sofia, farmer, velikov) = (Id(store, "PER", "Sofia Brandt"), Id(store, "PER", "Brandt"), Id(store, "PER", "Marat Velikov"));
            store.Merge(sofia, farmer, "tester");
            id = Assert.Single(store.Corrections()).Id;
        }

        var (token, cookie, html) = await Load(client, $"/entities/{velikov}");
        Assert.DoesNotContain($"name=\"correction\" value=\"{id}\"", html, StringComparison.Ordinal); // not offered where it does not apply
        var elsewhere = await Post(client, $"/entities/{velikov}?handler=Undo", token, cookie, ("correction", id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(HttpStatusCode.Conflict, elsewhere.StatusCode);
        Assert.Contains(StoreErrors.CorrectionElsewhere, await elsewhere.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var missing = await Post(client, $"/entities/{sofia}?handler=Undo", token, cookie, ("correction", "4711"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains(StoreErrors.NoSuchCorrection, await missing.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var (token2, cookie2, html2) = await Load(client, $"/entities/{sofia}");
        Assert.Contains($"name=\"correction\" value=\"{id}\"", html2, StringComparison.Ordinal);
        var undone = await Post(client, $"/entities/{sofia}?handler=Undo", token2, cookie2, ("correction", id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(HttpStatusCode.Redirect, undone.StatusCode);
        var again = await Post(client, $"/entities/{sofia}?handler=Undo", token2, cookie2, ("correction", id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains(StoreErrors.UndoneAlready, await again.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_entity_page_shows_its_claims_a_page_at_a_time_and_roles_by_name()
    {
        var location = NewLocation("sqlite");
        var lines = string.Join(' ', Enumerable.Range(1, 230).Select(n => $"Marat Velikov said the mine would reopen in week {n}."));
        using (var store = CaseStore.Open(location))
        {
            Ingest(store, Write("claims", "many.txt", "Director speaks\n\n" + lines), Write("claims", "d1.txt", Texts[0].Text));
        }

        using var factory = new WebFactory(new WebOptions { Store = location, Port = 0, Environment = "Production", LogLevel = Microsoft.Extensions.Logging.LogLevel.None });
        using var client = factory.CreateClient();
        string velikov;
        int claims;
        using (var store = CaseStore.Open(location))
        {
            velikov = Id(store, "PER", "Marat Velikov");
            var detail = store.Entity(velikov)!;
            claims = detail.Claims.Count;
            Assert.Contains(detail.Roles, r => r.Role == "director" && r.Of == "Orlan Mining"); // the organisation's name, not "e2"
        }

        Assert.True(claims > 200, $"{claims} claims");
        var first = await client.GetStringAsync($"/entities/{velikov}", Ct);
        var shown = Regex.Count(first[first.IndexOf("id=\"entity-claims\"", StringComparison.Ordinal)..], "<li>“");
        Assert.Equal(EntityModel_ClaimsPerPage, shown);
        Assert.Contains($"Page 1 of {(claims + 99) / 100}", first, StringComparison.Ordinal);
        Assert.Contains("director of Orlan Mining", first, StringComparison.Ordinal);
        var last = await client.GetStringAsync($"/entities/{velikov}?claims={(claims + 99) / 100}", Ct);
        Assert.Equal(claims - (EntityModel_ClaimsPerPage * ((claims - 1) / 100)), Regex.Count(last[last.IndexOf("id=\"entity-claims\"", StringComparison.Ordinal)..], "<li>“"));
    }

    private const int EntityModel_ClaimsPerPage = Casefile.Web.Pages.EntityModel.ClaimsPerPage;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
