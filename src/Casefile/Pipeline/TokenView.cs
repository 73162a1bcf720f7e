using System.Collections.Immutable;
using Casefile.Model;

namespace Casefile.Pipeline;

/// <summary>
/// What the rule-based stages over tokens share: the text, its tokens and the layers they all read
/// (sentences, mentions, entities, quantities, times), the name (or linked pronoun, short form, description)
/// covering each token, and cheap word access. Claims, events and checks derive from it.
/// </summary>
internal abstract class TokenView
{
    private readonly string?[] _words;

    protected TokenView(string text, ImmutableArray<Token> tokens, ImmutableArray<Sentence> sentences, ImmutableArray<Mention> mentions,
        ImmutableArray<Entity> entities, ImmutableArray<Quantity> quantities, ImmutableArray<TimeExpression> times)
    {
        Text = text;
        Tokens = tokens;
        Sentences = sentences;
        Mentions = mentions;
        Entities = entities;
        Quantities = quantities;
        Times = times;
        MentionAt = new Mention?[tokens.Length];
        _words = new string?[tokens.Length];
        foreach (var m in mentions)
        {
            for (var t = TokenAt(m.Start); t < tokens.Length && tokens[t].Start < m.End; t++)
            {
                // A name wins over a pronoun or description that contains it.
                if (MentionAt[t] is null || MentionAt[t]!.Kind is not null)
                {
                    MentionAt[t] = m;
                }
            }
        }
    }

    protected string Text { get; }

    protected ImmutableArray<Token> Tokens { get; }

    protected ImmutableArray<Sentence> Sentences { get; }

    protected ImmutableArray<Mention> Mentions { get; }

    protected ImmutableArray<Entity> Entities { get; }

    protected ImmutableArray<Quantity> Quantities { get; }

    protected ImmutableArray<TimeExpression> Times { get; }

    /// <summary>The mention covering each token, names first.</summary>
    protected Mention?[] MentionAt { get; }

    /// <summary>
    /// The items of a layer (sorted by start) that start in [<paramref name="from"/>, <paramref name="to"/>), found by
    /// binary search: the rules ask this once per trigger or cue, so a scan of the whole layer made them quadratic.
    /// </summary>
    protected static IEnumerable<T> StartingIn<T>(ImmutableArray<T> layer, int from, int to)
        where T : ISpanned
    {
        int lo = 0, hi = layer.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (layer[mid].Start < from)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        for (var i = lo; i < layer.Length && layer[i].Start < to; i++)
        {
            yield return layer[i];
        }
    }

    /// <summary>The index of the first token ending after <paramref name="offset"/> (the token at or after it).</summary>
    protected int TokenAt(int offset)
    {
        int lo = 0, hi = Tokens.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (Tokens[mid].End <= offset)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>The token's text ("" outside the text), allocated once per token.</summary>
    protected string Word(int t) => t < 0 || t >= Tokens.Length ? "" : _words[t] ??= Text[Tokens[t].Start..Tokens[t].End];

    protected bool WordIs(int t, string w) => t >= 0 && t < Tokens.Length && Text.AsSpan(Tokens[t].Start, Tokens[t].Length).Equals(w, StringComparison.OrdinalIgnoreCase);

    protected string Slice(int t0, int t1) => Text[Tokens[t0].Start..Tokens[t1 - 1].End];

    protected SpanRef Ref(int t0, int t1) => new(Tokens[t0].Start, Tokens[t1 - 1].End);
}
