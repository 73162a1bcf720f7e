using System.Text.Json.Serialization;

namespace Casefile.Model;

/// <summary>A sentence span.</summary>
public sealed record Sentence(int Start, int End) : ISpanned;

/// <summary>What a token is made of; drives the recognisers' cheap first tests.</summary>
public enum TokenKind : byte
{
    Word,
    Number,
    Code,
    Punct,
    Symbol,
}

/// <summary>A token span (internal layer, not in the JSON contract).</summary>
public readonly record struct Token(int Start, int End, TokenKind Kind, bool SpaceBefore, bool NewlineBefore) : ISpanned
{
    public int Length => End - Start;
}

/// <summary>A named-entity mention: a PER, ORG or LOC name as written, with the tagger's confidence.</summary>
public sealed record Mention : ISpanned
{
    public required int Start { get; init; }
    public required int End { get; init; }
    public required string Text { get; init; }
    /// <summary>PER, ORG or LOC.</summary>
    public required string Type { get; init; }
    /// <summary>The resolved entity's id (set by entity resolution; null until then).</summary>
    public string? Entity { get; init; }
    /// <summary>Probability of the least certain token label in the span (calibrated on dev data), 0–1.</summary>
    public double Confidence { get; init; }
}

/// <summary>Kinds of quantity, as written in the JSON.</summary>
public static class QuantityKinds
{
    public const string Money = "money";
    public const string Count = "count";
    public const string Percent = "percent";
    public const string Duration = "duration";
    public const string Age = "age";
}

/// <summary>Money, counts, percents, durations and ages with normalised values.</summary>
public sealed record Quantity : ISpanned
{
    public required int Start { get; init; }
    public required int End { get; init; }
    public required string Text { get; init; }
    public required string Kind { get; init; }
    public double? Value { get; init; }
    public string? Unit { get; init; }
    /// <summary>ISO 8601 duration for durations ("P16Y").</summary>
    public string? Iso { get; init; }
    public bool Approximate { get; init; }
    public bool AtLeast { get; init; }
    public bool AtMost { get; init; }
}

/// <summary>A date or period normalised to ISO 8601.</summary>
public sealed record TimeExpression : ISpanned
{
    public required int Start { get; init; }
    public required int End { get; init; }
    public required string Text { get; init; }
    /// <summary>ISO 8601 value; "XXXX" stands for an unknown year; null when it cannot be resolved.</summary>
    public string? Value { get; init; }
    public required string Granularity { get; init; }
    /// <summary>start | mid | end | night.</summary>
    public string? Mod { get; init; }
    /// <summary>published | context; null for absolute dates.</summary>
    public string? Anchor { get; init; }
    /// <summary>The span that supplied the year when <see cref="Anchor"/> is "context".</summary>
    public SpanRef? AnchorSpan { get; init; }
}

/// <summary>A reference to a span, as written in the JSON (evidence, cue, anchor).</summary>
public sealed record SpanRef(int Start, int End);

/// <summary>A reference to an article/section of a code or act.</summary>
public sealed record LegalRef : ISpanned
{
    public required int Start { get; init; }
    public required int End { get; init; }
    public required string Text { get; init; }
    public required string Unit { get; init; }
    public required string Article { get; init; }
    public string? Part { get; init; }
    public string? Paragraph { get; init; }
    public string? Code { get; init; }
    public string? Jurisdiction { get; init; }
    public string? Title { get; init; }
}

/// <summary>A problem met while reading or analysing one document, reported with the result.</summary>
public sealed record Warning(string Code, string Message);

/// <summary>Document metadata as written in the JSON contract.</summary>
public sealed record DocumentInfo(
    string Id,
    string? Title,
    string? Published,
    string Language,
    string? Source,
    int Length);

/// <summary>The JSON case file of one document (DESIGN's contract, version "1").</summary>
public sealed record CaseFile
{
    [JsonPropertyName("casefile")]
    public string Version { get; init; } = "1";
    public required DocumentInfo Document { get; init; }
    public IReadOnlyList<Warning>? Warnings { get; init; }
    public required IReadOnlyList<Sentence> Sentences { get; init; }
    public IReadOnlyList<Token>? Tokens { get; init; }
    public required IReadOnlyList<Mention> Mentions { get; init; }
    public required IReadOnlyList<Quantity> Quantities { get; init; }
    public required IReadOnlyList<TimeExpression> Times { get; init; }
    public required IReadOnlyList<LegalRef> LegalRefs { get; init; }
}
