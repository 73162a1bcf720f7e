using Casefile.Cli;

return Cli.Run(args, Console.Out, Console.Error, Console.OpenStandardInput);
