using Casefile.Cli;
using Casefile.Ingest;

return Cli.Run(args, Console.Out, Console.Error, Ingestor.OpenStandardInput);
