using System.CommandLine;
using System.Net;
using Casefile.Pipeline;
using Casefile.Store;
using Casefile.Web;
using Microsoft.Extensions.Hosting;

namespace Casefile.Cli;

/// <summary><c>casefile serve</c>: the web app over a store (docs/web.md).</summary>
public static partial class Cli
{
    private static Command ServeCommand(TextWriter stdout, TextWriter stderr)
    {
        var db = DbOption();
        var port = new Option<int>("--port") { Description = "Port to listen on.", DefaultValueFactory = _ => 5080 };
        var listen = new Option<string>("--listen") { Description = "Address to bind (default 127.0.0.1: this machine only). Anything else exposes the corpus and its forms to the network.", DefaultValueFactory = _ => "127.0.0.1" };
        var maxUpload = new Option<long>("--max-upload") { Description = "Largest text accepted on the Analyse page, in bytes.", DefaultValueFactory = _ => WebOptions.DefaultMaxUploadBytes };
        var allowedHost = new Option<string[]>("--allowed-host")
        {
            Description = "A host name to answer to besides localhost, 127.0.0.1, [::1] and the --listen address (a reverse proxy's name); repeat for several. Other Host headers are refused (DNS rebinding).",
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("serve", "Read the store's documents as case files in a browser: highlighted text, claims, findings, timeline, entities with merge/split; a JSON API under /api.")
        {
            db, port, listen, maxUpload, allowedHost,
        };
        command.SetAction(async (parse, cancel) =>
        {
            if (!IPAddress.TryParse(parse.GetValue(listen), out var address))
            {
                throw new CasefileException(ErrorCodes.Usage, $"--listen {parse.GetValue(listen)}: not an IP address. Give 127.0.0.1 (this machine), or e.g. 0.0.0.0 for every interface.");
            }

            if (!IPAddress.IsLoopback(address))
            {
                stderr.WriteLine($"warning {WebErrors.NotLoopback}: listening on {address}: anyone who can reach this machine can read the corpus and change its entities (there is no login). Use 127.0.0.1 unless the network is trusted.");
            }

            var location = StoreLocation.Parse(parse.GetValue(db));
            using (CaseStore.Open(location))
            {
                // creates the store (or migrates it) before the first request, and fails here if it cannot be opened
            }

            var options = new WebOptions
            {
                Store = location, Listen = address, Port = parse.GetValue(port), MaxUploadBytes = parse.GetValue(maxUpload),
                AllowedHosts = parse.GetValue(allowedHost) ?? [],
            };
            using var host = WebApp.CreateHostBuilder(options).Build();
            try
            {
                await host.StartAsync(cancel);
            }
            catch (IOException e)
            {
                throw new CasefileException(WebErrors.CannotListen, $"cannot listen on {address}:{options.Port} ({e.Message}). Choose another --port, or stop what uses it.", e);
            }

            stdout.WriteLine($"casefile serve: http://{(address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString())}:{options.Port}/ over {location.Display} (Ctrl+C stops)");
            await host.WaitForShutdownAsync(cancel);
            return Ok;
        });
        return command;
    }
}
