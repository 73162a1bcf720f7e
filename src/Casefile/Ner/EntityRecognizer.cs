using System.Collections.Immutable;
using Casefile.Model;
using Casefile.Pipeline;

namespace Casefile.Ner;

/// <summary>
/// Fills the <c>mentions</c> layer: PER, ORG and LOC names found by the trained tagger, sentence by
/// sentence with document-level context, as spans of the original text with a confidence. Leading
/// titles and honorifics ("Mr.", "President") and a leading "the" stay outside the span, as do
/// possessive endings ("Smithov’s" → "Smithov").
/// </summary>
public sealed class EntityRecognizer : IComponent
{
    private readonly NerTagger _tagger;
    private readonly HashSet<string> _titles;

    public EntityRecognizer()
        : this(NerModel.Default, Gazetteer.Default)
    {
    }

    public EntityRecognizer(NerModel model, Gazetteer gazetteer)
    {
        ArgumentNullException.ThrowIfNull(gazetteer);
        _tagger = new NerTagger(model, gazetteer);
        _titles = gazetteer.SingleWords("person-titles");
    }

    public string Name => "entity-recognizer";

    public IReadOnlyList<Layer> Requires => [Layers.Tokens, Layers.Sentences];

    public IReadOnlyList<Layer> Provides => [Layers.Mentions];

    public void Process(AnalysisContext context)
    {
        var text = context.Text;
        var tokens = context.Get(Layers.Tokens);
        var sentences = context.Get(Layers.Sentences);
        var groups = new List<(int First, string[] Words)>(sentences.Length);
        var t = 0;
        foreach (var s in sentences)
        {
            while (t < tokens.Length && tokens[t].Start < s.Start)
            {
                t++;
            }

            var first = t;
            while (t < tokens.Length && tokens[t].End <= s.End)
            {
                t++;
            }

            if (t > first)
            {
                groups.Add((first, [.. tokens[first..t].Select(k => text[k.Start..k.End])]));
            }
        }

        var tagged = _tagger.TagDocument([.. groups.Select(g => g.Words)]);
        var mentions = ImmutableArray.CreateBuilder<Mention>();
        for (var g = 0; g < groups.Count; g++)
        {
            var (first, words) = groups[g];
            var result = tagged[g];
            var previousEnd = 0;
            foreach (var (start, end, type) in BioCorpus.Spans(result.Tags))
            {
                var a = start;
                var b = end;
                while (a < b - 1 && (IsDeterminer(words[a]) || words[a] == "." || (type == "PER" && _titles.Contains(words[a]))))
                {
                    a++;
                }

                while (b > a + 1 && NerFeatures.IsPossessive(words[b - 1]))
                {
                    b--;
                }

                // Initials belong to the name: "K. Smithov" even when the tagger started at "Smithov".
                // Never into the mention before it ("…K. | K. Smithov" found by the property test).
                while (type == "PER" && a - 2 >= previousEnd && words[a - 1] == "." && IsInitialLetter(words[a - 2]))
                {
                    a -= 2;
                }

                previousEnd = b;

                var confidence = 1.0;
                for (var k = start; k < end; k++)
                {
                    confidence = Math.Min(confidence, result.Confidence[k]);
                }

                var from = tokens[first + a].Start;
                var to = tokens[first + b - 1].End;
                mentions.Add(new Mention
                {
                    Start = from,
                    End = to,
                    Text = text[from..to],
                    Type = type,
                    Confidence = Math.Round(confidence, 3),
                });
            }
        }

        context.Set(Layers.Mentions, mentions.ToImmutable());
    }

    private static bool IsDeterminer(string w) => w is "the" or "The" or "THE";

    private static bool IsInitialLetter(string w) => w.Length == 1 && char.IsUpper(w[0]);
}
