using System.Text.Json;
using Casefile.Store;
using Casefile.Tests.Support;
using Casefile.Web;
using Microsoft.Playwright;

namespace Casefile.Tests;

/// <summary>
/// The web app in a real browser: Playwright for .NET drives Debian's Chromium (/usr/bin/chromium; Playwright never
/// downloads one) against the app on a free loopback port over a temporary store holding the samples.
/// </summary>
public sealed class BrowserTests(SampleStore samples) : IClassFixture<SampleStore>
{
    private static readonly string Chromium = Environment.GetEnvironmentVariable("CHROMIUM") ?? "/usr/bin/chromium";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Runs <paramref name="body"/> with a fresh page; fails on any console error or request that leaves the app.</summary>
    private async Task InBrowser(Func<IPage, Uri, Task> body, string? expectedConsoleError = null)
    {
        if (!File.Exists(Chromium))
        {
            var why = $"{Chromium} is missing: run ./test.sh (it installs Debian's chromium)";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(why + " — required in CI.");
            }

            Assert.Skip(why + "; skipped.");
        }

        await using var server = await LiveServer.StartAsync(samples.Options());
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
        var problems = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type is "error" or "warning" && (expectedConsoleError is null || !m.Text.Contains(expectedConsoleError, StringComparison.Ordinal)))
            {
                problems.Add($"console {m.Type}: {m.Text}");
            }
        };
        page.PageError += (_, e) => problems.Add("page error: " + e);
        page.Dialog += (_, d) => problems.Add("a dialog opened: " + d.Message);
        page.Request += (_, r) =>
        {
            if (!r.Url.StartsWith(server.Url.ToString(), StringComparison.Ordinal))
            {
                problems.Add("request outside the app: " + r.Url);
            }
        };
        await body(page, server.Url);
        Assert.Empty(problems);
    }

    private (string Id, Casefile.Model.CaseFile CaseFile, string Text) Sample(Func<Casefile.Model.CaseFile, bool> which)
    {
        using var store = samples.Open();
        return store.CaseFiles().First(c => which(c.CaseFile));
    }

    [Fact]
    public Task The_document_page_highlights_every_span_of_every_layer() => InBrowser(async (page, url) =>
    {
        var (id, cf, text) = Sample(c => c.Mentions.Count > 0 && c.Quantities.Any(q => q.Kind == "money") && c.Times.Count > 0);
        await page.GotoAsync(new Uri(url, "documents/" + id).ToString());
        // Distinct highlighted records per layer, counted in the page.
        var json = await page.EvaluateAsync<string>("""
            () => {
              const ids = {};
              for (const el of document.querySelectorAll('#text [data-a]'))
                for (const id of el.dataset.a.split(' ')) { const layer = id.split('-')[0]; (ids[layer] ??= new Set()).add(id); }
              return JSON.stringify(Object.fromEntries(Object.entries(ids).map(([k, v]) => [k, v.size])));
            }
            """);
        var counted = JsonSerializer.Deserialize<Dictionary<string, int>>(json)!;
        var expected = new Dictionary<string, int>
        {
            ["per"] = cf.Mentions.Count(m => m.Type == "PER"), ["org"] = cf.Mentions.Count(m => m.Type == "ORG"), ["loc"] = cf.Mentions.Count(m => m.Type == "LOC"),
            ["money"] = cf.Quantities.Count(q => q.Kind == "money"), ["quantity"] = cf.Quantities.Count(q => q.Kind != "money"),
            ["date"] = cf.Times.Count, ["legal"] = cf.LegalRefs.Count,
        };
        foreach (var (layer, n) in expected)
        {
            Assert.Equal((layer, n), (layer, counted.GetValueOrDefault(layer)));
            Assert.Equal(n.ToString(System.Globalization.CultureInfo.InvariantCulture), await page.Locator($"[data-count={layer}]").InnerTextAsync());
        }

        // The text in the page is the stored text, character for character.
        Assert.Equal(text, await page.EvaluateAsync<string>("() => document.getElementById('text').textContent"));

        // Hover text of the first money span names its value and currency; turning the layer off removes its colour.
        var money = cf.Quantities.First(q => q.Kind == "money");
        var piece = page.Locator($"#text [data-s='{money.Start}']").First;
        Assert.Contains(money.Iso ?? money.Unit ?? "", await piece.GetAttributeAsync("title") ?? "", StringComparison.Ordinal);
        var before = await piece.EvaluateAsync<string>("el => getComputedStyle(el).backgroundColor");
        await page.Locator("input[data-layer=money]").UncheckAsync();
        Assert.NotEqual(before, await piece.EvaluateAsync<string>("el => getComputedStyle(el).backgroundColor"));
    });

    [Fact]
    public Task Clicking_a_finding_highlights_its_evidence() => InBrowser(async (page, url) =>
    {
        var (id, cf, text) = Sample(c => (c.Findings ?? []).Any(f => f.Status == "inconsistent"));
        await page.GotoAsync(new Uri(url, "documents/" + id).ToString());
        Assert.Equal(0, await page.Locator("#text .evidence").CountAsync());
        var first = page.Locator("#findings li.finding").First;
        Assert.Contains("inconsistent", await first.GetAttributeAsync("class") ?? "", StringComparison.Ordinal); // inconsistencies first
        await first.ClickAsync();
        var finding = cf.Findings!.First(f => f.Status == "inconsistent");
        var shown = await page.Locator("#text .evidence").AllInnerTextsAsync();
        Assert.Equal(string.Concat(finding.Evidence.Select(e => text[e.Start..e.End])), string.Concat(shown));
        Assert.Equal("true", await first.GetAttributeAsync("aria-current"));

        var artifacts = Repo.Path("artifacts");
        Directory.CreateDirectory(artifacts);
        var shot = Path.Combine(artifacts, "web-document.png");
        await page.ScreenshotAsync(new() { Path = shot, FullPage = true });
        Assert.True(new FileInfo(shot).Length > 20_000, "screenshot saved in artifacts/web-document.png");
    });

    [Fact]
    public Task Merging_two_entities_holds_after_a_reload_and_can_be_undone() => InBrowser(async (page, url) =>
    {
        EntityRow a, b;
        using (var store = samples.Open())
        {
            // Corrections name the two entities by id: any two organisations.
            var orgs = store.Entities("ORG");
            (a, b) = (orgs[0], orgs[1]);
        }

        await page.GotoAsync(new Uri(url, "entities/" + a.Id).ToString());
        Assert.Equal(0, await page.Locator("#aliases li", new() { HasText = b.Name }).CountAsync());
        var option = await page.Locator($"form.merge option[value^='{b.Id}:']").GetAttributeAsync("value"); // the id and what the page showed of it
        await page.Locator("form.merge select[name=other]").SelectOptionAsync(option!);
        await page.Locator("form.merge input[name=by]").FillAsync("Test Editor");
        await page.Locator("form.merge button").ClickAsync();
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync($"Merged {b.Id} “{b.Name}” into {a.Id}", new() { Timeout = 30_000 });

        await page.ReloadAsync();
        Assert.Equal(1, await page.Locator("#aliases li strong", new() { HasTextString = b.Name }).CountAsync());
        var correction = page.Locator("#corrections li.active");
        Assert.Contains("Test Editor", await correction.InnerTextAsync(), StringComparison.Ordinal);
        using (var store = samples.Open())
        {
            var merged = store.Entity(a.Id)!;
            Assert.Contains(b.Name, merged.Entity.Aliases);
            Assert.Equal(a.Mentions + b.Mentions, merged.Entity.Mentions);
        }

        await correction.Locator("button").ClickAsync();
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("undone", new() { Timeout = 30_000 });
        await page.ReloadAsync();
        Assert.Equal(0, await page.Locator("#aliases li strong", new() { HasTextString = b.Name }).CountAsync());
        Assert.Equal(1, await page.Locator("#corrections li.undone").CountAsync());
        using (var store = samples.Open())
        {
            Assert.DoesNotContain(b.Name, store.Entity(a.Id)!.Entity.Aliases);
            Assert.NotNull(Assert.Single(store.Corrections()).UndoneAt);
        }
    });

    [Fact]
    public Task Pasted_markup_is_shown_as_text_and_never_runs() => InBrowser(async (page, url) =>
    {
        const string text = "Judge Rina Castell of the Orsk court <script>alert('pwned')</script> fined Velta Ltd 4 million tenge <img src=x onerror=\"alert(1)\"> on 3 June 2022.";
        await page.GotoAsync(new Uri(url, "analyze").ToString());
        await page.Locator("textarea[name=Text]").FillAsync(text);
        await page.Locator("form.analyze button").ClickAsync();
        await page.WaitForURLAsync("**/documents/**");
        Assert.Equal(text, await page.EvaluateAsync<string>("() => document.getElementById('text').textContent"));
        Assert.Equal(0, await page.Locator("#text script, #text img").CountAsync());
        Assert.Contains("<script>alert('pwned')</script>", await page.Locator("#text").InnerTextAsync(), StringComparison.Ordinal);
    });

    [Fact]
    public Task An_oversized_upload_shows_the_limit_and_stores_nothing() => InBrowser(async (page, url) =>
    {
        using var store = samples.Open();
        var before = store.Counts().Versions;
        await page.GotoAsync(new Uri(url, "analyze").ToString());
        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "long-report.txt", MimeType = "text/plain",
            Buffer = System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("The Velsk court fined the mayor 2 million tenge. ", 2000))),
        });
        var response = await page.RunAndWaitForResponseAsync(() => page.Locator("form.analyze button").ClickAsync(), r => r.Request.Method == "POST");
        Assert.Equal(413, response.Status);
        await page.WaitForLoadStateAsync();
        var error = await page.Locator("#error").InnerTextAsync();
        Assert.Contains(WebErrors.UploadTooLarge, error, StringComparison.Ordinal);
        Assert.Contains("65,536 bytes", error, StringComparison.Ordinal);
        Assert.Equal(before, store.Counts().Versions);
    }, expectedConsoleError: "status of 413");
}
