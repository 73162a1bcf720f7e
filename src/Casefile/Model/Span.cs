namespace Casefile.Model;

/// <summary>A half-open range [Start, End) of UTF-16 code units in a document's text.</summary>
public readonly record struct Span(int Start, int End)
{
    public int Length => End - Start;

    public bool Contains(Span other) => other.Start >= Start && other.End <= End;

    public bool Overlaps(Span other) => other.Start < End && Start < other.End;

    public static Span Cover(Span a, Span b) => new(Math.Min(a.Start, b.Start), Math.Max(a.End, b.End));

    public ReadOnlySpan<char> Of(string text) => text.AsSpan(Start, End - Start);

    public override string ToString() => $"[{Start}, {End})";
}

/// <summary>Anything that points at a span of the document text.</summary>
public interface ISpanned
{
    int Start { get; }
    int End { get; }
}
