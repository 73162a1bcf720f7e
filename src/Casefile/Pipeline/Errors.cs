namespace Casefile.Pipeline;

/// <summary>Stable error and warning codes; docs/errors.md explains each one and what to do.</summary>
public static class ErrorCodes
{
    public const string InputNotFound = "CF1001";
    public const string BinaryInput = "CF1002";
    public const string UnsupportedInput = "CF1003";
    public const string InputTooLarge = "CF1004";
    public const string BadPublishedDate = "CF1005";
    public const string InputUnreadable = "CF1006";
    public const string InvalidUtf8 = "CF1101";
    public const string MalformedJsonl = "CF1201";
    public const string JsonlMissingText = "CF1202";
    public const string JsonlBadField = "CF1203";
    public const string HtmlNoArticle = "CF1301";
    public const string HtmlTooDeep = "CF1302";
    public const string AnalysisBudgetExceeded = "CF1401";
    public const string LargeDocumentWindows = "CF1402";
    public const string LoneSurrogates = "CF1102";
    public const string NotRegularFile = "CF1007";
    public const string StdinClosed = "CF1008";
    public const string MissingProvider = "CF2001";
    public const string DuplicateProvider = "CF2002";
    public const string UndeclaredLayer = "CF2003";
    public const string LexiconError = "CF2101";
    public const string NerDataNotFound = "CF2201";
    public const string NerDataMalformed = "CF2202";
    public const string NerModelInvalid = "CF2203";
    public const string NerModelMismatch = "CF2204";
    public const string FactsNotFound = "CF2301";
    public const string FactsMalformed = "CF2302";
    public const string CorrectionsNotFound = "CF2303";
    public const string CorrectionsMalformed = "CF2304";
    public const string ResolutionDataMalformed = "CF2305";
    public const string ClaimDataMalformed = "CF2401";
    public const string EventDataMalformed = "CF2501";
    public const string FxTableNotFound = "CF2601";
    public const string FxTableMalformed = "CF2602";
    public const string CheckDataMalformed = "CF2603";
    public const string ExportNeedsDirectory = "CF2701";
    public const string ExportWriteFailed = "CF2702";
    public const string ExportNothing = "CF2703";
    public const string Usage = "CF3001";
    public const string Internal = "CF9001";
    public const string DocumentFailed = "CF9002";
}

/// <summary>An error with a stable code and a message that says what to do.</summary>
public sealed class CasefileException : Exception
{
    public CasefileException(string code, string message, Exception? inner = null)
        : base(message, inner) => Code = code;

    public CasefileException()
        : this(ErrorCodes.Internal, "unknown error") { }

    public CasefileException(string message)
        : this(ErrorCodes.Internal, message) { }

    public CasefileException(string message, Exception inner)
        : this(ErrorCodes.Internal, message, inner) { }

    public string Code { get; }

    public override string ToString() => $"{Code}: {Message}";
}
