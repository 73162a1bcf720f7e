using System.Collections.Immutable;
using Casefile.Model;
using Casefile.Pipeline;
using Casefile.Recognizers.Quantities;
using Casefile.Segmentation;

namespace Casefile.Tests;

public sealed class PipelineTests
{
    private sealed class Probe(string name, Layer[] requires, Layer[] provides, Action<AnalysisContext>? run = null) : IComponent
    {
        public string Name => name;
        public IReadOnlyList<Layer> Requires => requires;
        public IReadOnlyList<Layer> Provides => provides;
        public void Process(AnalysisContext context) => run?.Invoke(context);
    }

    [Fact]
    public void Build_fails_with_CF2001_when_a_required_layer_has_no_earlier_provider()
    {
        var builder = new PipelineBuilder().Add(new QuantityRecognizer()).Add(new Tokenizer());
        var e = Assert.Throws<CasefileException>(builder.Build);
        Assert.Equal(ErrorCodes.MissingProvider, e.Code);
        Assert.Contains("'quantities' requires layer 'tokens'", e.Message, StringComparison.Ordinal);
        Assert.Contains("add 'tokenizer' before 'quantities'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_names_the_missing_layer_when_nothing_provides_it()
    {
        var e = Assert.Throws<CasefileException>(new PipelineBuilder().Add(new SentenceSplitter()).Build);
        Assert.Equal(ErrorCodes.MissingProvider, e.Code);
        Assert.Contains("add a component that provides 'tokens'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_fails_with_CF2002_when_two_components_provide_one_layer()
    {
        var e = Assert.Throws<CasefileException>(new PipelineBuilder().Add(new Tokenizer()).Add(new Probe("other", [], [Layers.Tokens])).Build);
        Assert.Equal(ErrorCodes.DuplicateProvider, e.Code);
    }

    [Fact]
    public void A_component_cannot_read_a_layer_it_did_not_declare()
    {
        var sneaky = new Probe("sneaky", [], [Layers.Sentences], c => c.Get(Layers.Tokens));
        var pipeline = new PipelineBuilder().Add(new Tokenizer()).Add(sneaky).Build();
        var e = Assert.Throws<CasefileException>(() => pipeline.Run(new Document("Text.")));
        Assert.Equal(ErrorCodes.UndeclaredLayer, e.Code);
    }

    [Fact]
    public void A_component_cannot_write_a_layer_it_does_not_provide()
    {
        var sneaky = new Probe("sneaky", [Layers.Tokens], [], c => c.Set(Layers.Sentences, ImmutableArray<Sentence>.Empty));
        var pipeline = new PipelineBuilder().Add(new Tokenizer()).Add(sneaky).Build();
        Assert.Equal(ErrorCodes.UndeclaredLayer, Assert.Throws<CasefileException>(() => pipeline.Run(new Document("x"))).Code);
    }

    [Fact]
    public void A_built_pipeline_gives_the_same_results_on_many_threads()
    {
        var texts = Enumerable.Range(0, 200).Select(i => $"On March {1 + (i % 28)}, 2021, the court fined Orbis {i} million tenge under Article {100 + i}.").ToArray();
        var serial = texts.Select(t => CasefileAnalyzer.ToJson(CasefileAnalyzer.Analyze(t), indented: false)).ToArray();
        var parallel = texts.AsParallel().AsOrdered().WithDegreeOfParallelism(8)
            .Select(t => CasefileAnalyzer.ToJson(CasefileAnalyzer.Analyze(t), indented: false)).ToArray();
        Assert.Equal(serial, parallel);
        Assert.Contains("\"value\":7000000", serial[7], StringComparison.Ordinal);
    }

    [Fact]
    public void Document_id_is_the_sha256_of_the_utf8_text()
    {
        Assert.Equal("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", new Document("abc").Id);
    }

    [Fact]
    public void Empty_text_gives_an_empty_case_file()
    {
        var cf = CasefileAnalyzer.Analyze("");
        Assert.Empty(cf.Sentences);
        Assert.Empty(cf.Quantities);
        Assert.Equal(0, cf.Document.Length);
    }
}
