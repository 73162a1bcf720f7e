using Casefile.Pipeline;
using Npgsql;

namespace Casefile.Store;

/// <summary>Which database a <c>--db</c> value names.</summary>
public enum StoreKind
{
    Sqlite,
    Postgres,
}

/// <summary>
/// A <c>--db</c> value: a file path (SQLite, the default <c>casefile.db</c>) or a <c>postgres://user:password@host:port/database</c>
/// URL (or an Npgsql connection string starting with <c>Host=</c>).
/// </summary>
public sealed record StoreLocation(StoreKind Kind, string ConnectionString, string Display)
{
    public const string DefaultPath = "casefile.db";

    public static StoreLocation Parse(string? db)
    {
        db = string.IsNullOrWhiteSpace(db) ? DefaultPath : db.Trim();
        if (db.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || db.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(db, UriKind.Absolute, out var uri) || uri.AbsolutePath.Trim('/').Length == 0)
            {
                throw new CasefileException(StoreErrors.BadLocation, $"--db {db} is not a PostgreSQL URL; write postgres://user:password@host:port/database.");
            }

            var b = new NpgsqlConnectionStringBuilder
            {
                NoResetOnClose = true, // the store sets no session state; skip DISCARD ALL when a pooled connection returns
                // Statements run again and again (a worker's INSERT per document, Hangfire's bookkeeping per job) are
                // prepared on the server after their second use, so it parses and plans them once per connection
                // (measured: the database's CPU per stored document about 5 % less).
                MaxAutoPrepare = 32,
                AutoPrepareMinUsages = 2,
                Host = uri.Host,
                Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
                Database = Uri.UnescapeDataString(uri.AbsolutePath.Trim('/')),
            };
            var user = uri.UserInfo.Split(':', 2);
            if (user[0].Length > 0)
            {
                b.Username = Uri.UnescapeDataString(user[0]);
            }

            if (user.Length > 1)
            {
                b.Password = Uri.UnescapeDataString(user[1]);
            }

            return new StoreLocation(StoreKind.Postgres, b.ConnectionString, $"postgres://{uri.Host}:{b.Port}/{b.Database}");
        }

        if (db.StartsWith("Host=", StringComparison.OrdinalIgnoreCase))
        {
            var b = new NpgsqlConnectionStringBuilder(db);
            return new StoreLocation(StoreKind.Postgres, db, $"postgres://{b.Host}:{b.Port}/{b.Database}");
        }

        return new StoreLocation(StoreKind.Sqlite, Path.GetFullPath(db), db);
    }
}

/// <summary>Error codes of the store (docs/errors.md).</summary>
public static class StoreErrors
{
    public const string BadLocation = "CF2801";
    public const string CannotOpen = "CF2802";
    public const string NewerSchema = "CF2803";
    public const string NotFound = "CF2804";
    public const string QueueNeedsPostgres = "CF2805";
    public const string AnalysisFailed = "CF2806";
    public const string WriteFailed = "CF2807";
    public const string AmbiguousName = "CF2808";
    public const string EntityGone = "CF2809";
    public const string EntityChanged = "CF2810";
    public const string InvalidCorrection = "CF2811";
    public const string TypesDiffer = "CF2812";
    public const string NoSuchCorrection = "CF2813";
    public const string UndoneAlready = "CF2814";
    public const string CorrectionElsewhere = "CF2815";
}
