using Casefile.Lexicons;
using Casefile.Model;
using static Casefile.Recognizers.Times.TimeRecognizer;

namespace Casefile.Recognizers.Times;

/// <summary>Joins two neighbouring dates into a period: "from X to Y", "X–Y", "between X and Y".</summary>
internal static class Periods
{
    public static List<Hit> Join(string text, ReadOnlySpan<Token> tokens, List<Hit> hits)
    {
        var lex = Lexicon.Instance;
        var result = new List<Hit>(hits.Count);
        for (var k = 0; k < hits.Count; k++)
        {
            var a = hits[k];
            if (k + 1 < hits.Count && a.Decade is null && a.Deictic is null)
            {
                var b = hits[k + 1];
                if (b.First == a.Last + 2 && b.Deictic is null && b.Decade is null)
                {
                    var between = tokens[a.Last + 1];
                    var word = text.AsSpan(between.Start, between.Length);
                    var opener = a.First > 0 ? text.AsSpan(tokens[a.First - 1].Start, tokens[a.First - 1].Length) : default;
                    var from = opener.Equals("from", StringComparison.OrdinalIgnoreCase);
                    var isBetween = opener.Equals("between", StringComparison.OrdinalIgnoreCase) && word.Equals("and", StringComparison.OrdinalIgnoreCase);
                    var isRange = lex.RangeWords.TryGet(word, out _) && (from || !word.Equals("to", StringComparison.OrdinalIgnoreCase) || SameShape(a, b));
                    if ((isRange || isBetween) && a.Mod is null or "start" or "end" or "mid")
                    {
                        result.Add(new Hit
                        {
                            First = from || isBetween ? a.First - 1 : a.First,
                            Last = b.Last,
                            Granularity = "period",
                            PeriodStart = a,
                            PeriodEnd = b,
                        });
                        k++;
                        continue;
                    }
                }
            }

            result.Add(a);
        }

        return result;
    }

    private static bool SameShape(Hit a, Hit b) => a.Granularity == b.Granularity;
}
