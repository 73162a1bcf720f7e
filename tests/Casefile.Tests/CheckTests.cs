using Casefile.Checks;
using Casefile.Model;
using Casefile.Pipeline;
using Casefile.Tests.Support;

namespace Casefile.Tests;

/// <summary>Consistency checks on sentences we wrote: each check's inconsistent case, its consistent twin, and the reasoning shown.</summary>
public sealed class CheckTests
{
    private static System.Collections.Immutable.ImmutableArray<Finding> Run(string text, DateOnly? published = null, AnalysisPipeline? pipeline = null)
    {
        var analyzed = (pipeline ?? CasefileAnalyzer.DefaultPipeline).Run(new Document(text, published: published ?? new DateOnly(2022, 10, 12)));
        SpanInvariant.Check(analyzed);
        return analyzed.Get(Layers.Findings);
    }

    [Theory]
    [InlineData("The firm paid 12 billion tenge (about 25 million euros) in fines.", "consistent")]
    [InlineData("The firm paid 12 billion tenge (about 40 million euros) in fines.", "inconsistent")]
    public void A_bracketed_conversion_is_checked_at_the_years_annual_rate(string text, string status)
    {
        var f = Assert.Single(Run(text), x => x.Check == "fx-conversion");
        Assert.Equal(status, f.Status);
        Assert.Contains("2022 annual average", f.Message, StringComparison.Ordinal);
        Assert.Equal(2, f.Facts!.Count);
        Assert.Equal(2, f.Evidence.Count);
    }

    [Fact]
    public void A_conversion_outside_the_table_is_unverifiable_and_a_finer_table_is_used_when_given()
    {
        Assert.Equal("unverifiable", Assert.Single(Run("The firm paid 12 billion tenge (about 25 million euros).", new DateOnly(2026, 1, 5)), x => x.Check == "fx-conversion").Status);

        var path = Path.Combine(Path.GetTempPath(), $"fx-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "date,currency,per_usd\n2026-01,KZT,500\n2026-01,EUR,0.9\n");
        try
        {
            var pipeline = CasefileAnalyzer.CreateDefaultBuilder(null, new CheckOptions { Fx = FxTable.FromCsv(path) }).Build();
            var f = Assert.Single(Run("The firm paid 12 billion tenge (about 21.6 million euros).", new DateOnly(2026, 1, 5), pipeline), x => x.Check == "fx-conversion");
            Assert.Equal("consistent", f.Status);
            Assert.Contains("2026-01", f.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("The panel suspended three deputies, Arman Zheksen, Dina Kairova and Ruslan Temir, for a month.", "consistent")]
    [InlineData("The panel suspended three deputies, Arman Zheksen, Dina Kairova, Ruslan Temir and Bolat Sadyk, for a month.", "inconsistent")]
    [InlineData("Twelve people died in the fire, including 5 firefighters.", "consistent")]
    [InlineData("Twelve people died in the fire, including 15 firefighters.", "inconsistent")]
    [InlineData("The storm destroyed 9 houses in Kyzylzhar. Families from the 9 destroyed houses were moved.", "consistent")]
    [InlineData("The storm destroyed 9 houses in Kyzylzhar. Families from the 11 destroyed houses were moved.", "inconsistent")]
    public void Totals_against_their_parts_and_restatements(string text, string status)
    {
        var f = Assert.Single(Run(text), x => x.Check == "arithmetic");
        Assert.Equal(status, f.Status);
    }

    [Theory]
    [InlineData("Serik Abenov, who was born in 1961, was detained in March 2022. He was sentenced to 12 years. He will be 73 when he is released.", "consistent")]
    [InlineData("Serik Abenov, who was born in 1961, was detained in March 2022. He was sentenced to 12 years. He will be 69 when he is released.", "inconsistent")]
    public void The_age_at_release_counts_the_term_from_detention(string text, string status)
    {
        var f = Assert.Single(Run(text, new DateOnly(2023, 1, 20)), x => x.Check == "age-at-release");
        Assert.Equal(status, f.Status);
        Assert.Contains("time served counts from detention", f.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Ivan Petrov, who was born in 1960, was detained in March 2021. Petrov, 61, denied the charges.", "consistent")]
    [InlineData("Ivan Petrov, who was born in 1960, was detained in March 2021. Petrov, 57, denied the charges.", "inconsistent")]
    public void An_age_is_checked_against_the_birth_year_at_the_date(string text, string status)
    {
        var f = Assert.Single(Run(text, new DateOnly(2021, 7, 1)), x => x.Check == "age-at-date");
        Assert.Equal(status, f.Status);
        Assert.Contains("born 1960 (the text)", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Name_variants_are_reported_as_information()
    {
        var f = Assert.Single(Run("Police detained Yerlan Abenov on Monday. Erlan Abenov denies the charges."), x => x.Check == "name-variants");
        Assert.Equal(("consistent", "info"), (f.Status, f.Severity));
        Assert.Contains("Yerlan Abenov, Erlan Abenov", f.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Marat Ospan was detained on 3 March 2021. He was sentenced on 9 May 2022 to 7 years.", "consistent")]
    [InlineData("Marat Ospan was detained on 3 March 2022. He was sentenced on 9 May 2021 to 7 years.", "inconsistent")]
    [InlineData("Aidos Karim headed the port authority from 2015 to 2019.", "consistent")]
    [InlineData("Aidos Karim headed the port authority from 2019 to 2015.", "inconsistent")]
    public void Dates_come_in_order(string text, string status)
    {
        var f = Assert.Single(Run(text), x => x.Check == "date-order");
        Assert.Equal(status, f.Status);
    }

    [Fact]
    public void A_check_worthy_claim_from_unnamed_sources_only_is_unsupported_and_a_named_one_is_not()
    {
        var f = Assert.Single(Run("According to sources, Deputy Minister Ilyas Temir received 3 million dollars from a contractor."), x => x.Check == "unsupported-claim");
        Assert.Equal(("unverifiable", "warning"), (f.Status, f.Severity));
        Assert.DoesNotContain(Run("According to the Prosecutor General's Office, Deputy Minister Ilyas Temir received 3 million dollars from a contractor."),
            x => x.Check == "unsupported-claim");
    }

    [Fact]
    public void Findings_come_inconsistent_first_and_a_corpus_compares_documents()
    {
        var findings = Run("Twelve people died, including 15 firefighters. The firm paid 12 billion tenge (about 25 million euros).");
        Assert.Equal("inconsistent", findings[0].Status);
        Assert.Equal("consistent", findings[^1].Status);

        var a = CasefileAnalyzer.Analyze("A court in Taraz sentenced Bolat Nurgali to 9 years in prison on Monday.");
        var b = CasefileAnalyzer.Analyze("Bolat Nurgali was sentenced to 7 years in prison, a court in Taraz said.");
        var cross = CrossDocument.Check([a, b], Casefile.Resolution.CorpusResolver.Resolve([a, b]));
        var f = Assert.Single(cross).Finding;
        Assert.Equal(("cross-document", "inconsistent"), (f.Check, f.Status));
        Assert.Contains("P9Y here, P7Y in", f.Message, StringComparison.Ordinal);
        Assert.NotEmpty(f.OtherEvidence!);
    }

    [Fact]
    public void The_checks_test_set_is_met_without_false_alarms()
    {
        var docs = CheckEval.Read(Repo.Path("data", "eval", "checks.txt"));
        Assert.True(docs.Count(d => d.Expected.Any(e => e.Status != "consistent")) >= 40, "at least 40 planted documents");
        var results = docs.Select(d => CheckEval.Score(d, CheckEval.Analyze(d))).ToList();
        Assert.Empty(results.SelectMany(r => r.Mistakes));
    }

    [Theory]
    [InlineData("date,currency,per_usd\n2023,KZT,abc\n", ErrorCodes.FxTableMalformed)]
    [InlineData("2023-13-40x,KZT,450\n", ErrorCodes.FxTableMalformed)]
    public void A_bad_fx_table_gets_its_code_and_line(string content, string code)
    {
        var path = Path.Combine(Path.GetTempPath(), $"fx-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, content);
        try
        {
            var e = Assert.Throws<CasefileException>(() => FxTable.FromCsv(path));
            Assert.Equal(code, e.Code);
            Assert.Contains(":", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }

        Assert.Equal(ErrorCodes.FxTableNotFound, Assert.Throws<CasefileException>(() => FxTable.FromCsv("/nonexistent/fx.csv")).Code);
    }
}
