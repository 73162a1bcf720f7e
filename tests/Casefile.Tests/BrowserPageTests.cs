using System.Text.Json;
using Casefile.Tests.Support;
using Microsoft.Playwright;

namespace Casefile.Tests;

/// <summary>
/// Every page type in Debian's Chromium at desktop width and at a 390 px phone (issue 17): axe-core finds no serious or
/// critical violation, nothing scrolls the page sideways, and what a highlight's hover text says is reachable by touch
/// and keyboard. axe-core comes from tests/js (npm ci); it is injected with the page's CSP bypassed (test contexts only).
/// </summary>
public sealed class BrowserPageTests(SampleStore samples) : IClassFixture<SampleStore>
{
    private static readonly string Chromium = Environment.GetEnvironmentVariable("CHROMIUM") ?? "/usr/bin/chromium";

    private static readonly string Axe = Path.Combine(Node.Folder, "node_modules", "axe-core", "axe.min.js");

    private static void Require()
    {
        var missing = !File.Exists(Chromium) ? $"{Chromium} is missing: run ./test.sh (it installs Debian's chromium)"
            : !File.Exists(Axe) ? "tests/js/node_modules/axe-core is missing: run npm ci in tests/js (./test.sh does)" : null;
        if (missing is null)
        {
            return;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(missing + " — required in CI.");
        }

        Assert.Skip(missing + "; skipped.");
    }

    /// <summary>The pages to check: one of each type (search results are the corpus page with a query).</summary>
    private List<(string Name, string Path)> PageTypes()
    {
        using var store = samples.Open();
        var document = store.CaseFiles().First(c => (c.CaseFile.Findings ?? []).Count > 0 && (c.CaseFile.Events ?? []).Count > 0).Id;
        var entity = store.Entities().First(e => e.Documents > 1).Id;
        return
        [
            ("corpus", "/"), ("search", "/?q=court"), ("document", $"/documents/{document}"), ("entity", $"/entities/{entity}"),
            ("analyse", "/analyze"), ("error", "/documents/sha256:0000"),
        ];
    }

    private async Task InBrowser(Func<IBrowserContext, Uri, List<string>, Task> body, int width, bool touch = false)
    {
        Require();
        await using var server = await LiveServer.StartAsync(samples.Options());
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        await using var context = await browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = width, Height = width < 600 ? 844 : 1000 }, BypassCSP = true, HasTouch = touch, IsMobile = touch,
        });
        var problems = new List<string>();
        context.Page += (_, page) =>
        {
            page.Console += (_, m) =>
            {
                if (m.Type is "error" or "warning" && !m.Text.Contains("404", StringComparison.Ordinal))
                {
                    problems.Add($"console {m.Type}: {m.Text}");
                }
            };
            page.PageError += (_, e) => problems.Add("page error: " + e);
        };
        await body(context, server.Url, problems);
        Assert.Empty(problems);
    }

    [Theory]
    [InlineData(1400)]
    [InlineData(390)]
    public Task Axe_finds_no_serious_or_critical_violation_on_any_page(int width) => InBrowser(async (context, url, _) =>
    {
        var found = new List<string>();
        foreach (var (name, path) in PageTypes())
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(new Uri(url, path).ToString());
            await page.AddScriptTagAsync(new() { Path = Axe });
            var json = await page.EvaluateAsync<string>("""
                async () => {
                  const r = await axe.run(document, { resultTypes: ["violations"] });
                  return JSON.stringify(r.violations.filter(v => v.impact === "serious" || v.impact === "critical")
                    .map(v => `${v.id} (${v.impact}, ${v.nodes.length}×): ${v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(" | ")}`));
                }
                """);
            found.AddRange(JsonSerializer.Deserialize<List<string>>(json)!.Select(v => $"{name} at {width} px: {v}"));
            await page.CloseAsync();
        }

        Assert.True(found.Count == 0, string.Join("\n", found));
    }, width);

    [Fact]
    public Task Every_page_fits_a_390_px_phone_without_scrolling_sideways() => InBrowser(async (context, url, _) =>
    {
        var wide = new List<string>();
        foreach (var (name, path) in PageTypes())
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(new Uri(url, path).ToString());
            var (scroll, client) = (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("() => document.documentElement.clientWidth"));
            if (scroll > client)
            {
                var culprit = await page.EvaluateAsync<string>("""
                    () => Array.from(document.querySelectorAll("body *")).filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
                      .filter(el => { for (let p = el.parentElement; p; p = p.parentElement) if (getComputedStyle(p).overflowX !== "visible") return false; return true; })
                      .slice(0, 5).map(el => el.tagName + "." + el.className + " " + Math.round(el.getBoundingClientRect().right)).join(", ")
                    """);
                wide.Add($"{name}: {scroll} px wide in {client} px ({culprit})");
            }

            await page.CloseAsync();
        }

        Assert.True(wide.Count == 0, string.Join("\n", wide));
    }, 390);

    [Fact]
    public Task A_highlights_description_is_reachable_by_touch_and_by_keyboard() => InBrowser(async (context, url, _) =>
    {
        using var store = samples.Open();
        var (id, cf, text) = store.CaseFiles().First(c => c.CaseFile.Quantities.Any(q => q.Kind == "money"));
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(url, "documents/" + id).ToString());
        var output = page.Locator("#record output");
        await Assertions.Expect(page.Locator("#record")).ToBeVisibleAsync();

        // Touch: tapping a money highlight shows its value and currency.
        var money = cf.Quantities.First(q => q.Kind == "money");
        var piece = page.Locator($"#text [data-s='{money.Start}']").First;
        await piece.ScrollIntoViewIfNeededAsync();
        await piece.TapAsync();
        var said = await output.InnerTextAsync();
        Assert.Contains(money.Iso ?? money.Unit ?? "", said, StringComparison.Ordinal);
        Assert.StartsWith("“" + text[money.Start..cf.Quantities.Where(q => q.Start == money.Start).Max(q => q.End)].Split(' ')[0], said, StringComparison.Ordinal);

        // Keyboard: Tab to "Next highlight", Enter: the highlight after the tapped one is described.
        await page.Locator("#record button[data-step='1']").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var next = await page.EvaluateAsync<string[]>($$"""
            () => { const all = Array.from(document.querySelectorAll("#text [data-a]")); const i = all.findIndex(el => el.dataset.s === "{{money.Start}}");
                     return [all[i + 1].textContent, all[i + 1].title, String(all[i + 1].classList.contains("selected"))]; }
            """);
        Assert.Equal("“" + next[0] + "”: " + next[1].Replace("\n", "; ", StringComparison.Ordinal), await output.InnerTextAsync());
        Assert.Equal("true", next[2]);

        // "show in text" buttons are real buttons: Enter on a finding's shows its evidence.
        if ((cf.Findings ?? []).Count > 0)
        {
            await page.Locator("#findings li.finding button.show").First.FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            var f = cf.Findings![0];
            Assert.Equal(string.Concat(f.Evidence.Select(e => text[e.Start..e.End])), string.Concat(await page.Locator("#text .evidence").AllTextContentsAsync()));
        }
    }, 390, touch: true);
}
