namespace AeBot.Cli;

/// <summary>
/// The parsed command line: a command, its own options and arguments, and everything else, which goes to
/// configuration exactly as the server reads it (<c>--Storage:Provider=Postgres</c>, <c>--Clock:Now=…</c>).
/// </summary>
public sealed record Invocation(
    string Command,
    IReadOnlyDictionary<string, string?> Options,
    IReadOnlyList<string> Arguments,
    string[] ConfigurationArgs,
    string? Error);

public static class CommandLine
{
    public static readonly IReadOnlyDictionary<string, string[]> Commands = new Dictionary<string, string[]>
    {
        ["serve"] = [],
        ["import"] = ["mapping", "dry-run"],
        ["seed-demo"] = [],
        ["ask"] = ["as", "json"],
        ["chat"] = ["as"],
        ["audit"] = ["since", "as", "limit"],
        ["reminders"] = ["due", "as", "limit"],
        ["nudges"] = ["dry-run", "days"],
        ["crm"] = ["full"],
        ["teams-package"] = ["app-id", "host", "out", "privacy-url", "terms-url"],
        ["health"] = [],
        ["help"] = [],
    };

    private static readonly HashSet<string> Flags = ["json", "due", "dry-run", "full"];

    public static Invocation Parse(string[] args)
    {
        var command = "serve";
        var start = 0;
        if (args.Length > 0 && !args[0].StartsWith('-'))
        {
            command = args[0].ToLowerInvariant();
            start = 1;
            if (!Commands.ContainsKey(command))
                return new Invocation(command, new Dictionary<string, string?>(), [], [], $"unknown command '{args[0]}'");
        }
        else if (args.Length > 0 && args[0] is "--help" or "-h" or "-?")
        {
            return new Invocation("help", new Dictionary<string, string?>(), [], [], null);
        }

        var known = Commands[command];
        var options = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var arguments = new List<string>();
        var configuration = new List<string>();
        for (var i = start; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg == "--")
            {
                arguments.AddRange(args[(i + 1)..]);
                break;
            }
            if (arg.StartsWith("--") && arg.Length > 2)
            {
                var body = arg[2..];
                var eq = body.IndexOf('=');
                var name = eq >= 0 ? body[..eq] : body;
                if (known.Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    if (Flags.Contains(name))
                        options[name] = "true";
                    else if (eq >= 0)
                        options[name] = body[(eq + 1)..];
                    else if (i + 1 < args.Length)
                        options[name] = args[++i];
                    else
                        return new Invocation(command, options, arguments, [], $"--{name} needs a value");
                    continue;
                }
                // Configuration: --Key=Value, or --Key Value as the host's own parser accepts it.
                configuration.Add(arg);
                if (eq < 0 && i + 1 < args.Length && !args[i + 1].StartsWith("--"))
                    configuration.Add(args[++i]);
                continue;
            }
            if (arg is "-h" or "-?")
                return new Invocation("help", options, arguments, [], null);
            arguments.Add(arg);
        }
        return new Invocation(command, options, arguments, configuration.ToArray(), null);
    }

    public const string Usage = """
        Usage: aebot [command] [options] [--Key=Value ...]

        Commands:
          serve                         Run the server (the default).
          import <file-or-folder>       Import CRM CSV exports (Salesforce, HubSpot, Pipedrive, Dynamics 365, Zoho,
                 [--mapping mapping.json]  Freshsales, Close, Copper, plain CSV). Prints how each file and column was read.
                 [--dry-run]            Show what an import would do (kinds, columns, rows created/updated/rejected),
                                        writing nothing.
          seed-demo                     Create the demo company in an empty database.
          ask --as <email or name> [--json] "<text>"
                                        One turn through the conversation core.
          chat --as <email or name>     Talk to AeBot interactively (Ctrl-D or "exit" to leave).
          audit --since <date|24h|7d> [--as <email or name>] [--limit N]
                                        List the recorded turns.
          reminders [--due] [--as <email or name>] [--limit N]
                                        List pending reminders (--due: only those whose time has come).
          nudges run [--dry-run]        Record what is due now (digests, renewal/follow-up/stale/close-date/slipped
                                        nudges, reminders) for delivery, each once; --dry-run prints it, records nothing.
          nudges stats [--days N]       Sent / folded / acted on / snoozed per rule over the last N days (30).
          crm sync [--full]             Sync with the CRM (Crm:Provider): send what reps changed in chat, then read what
                                        changed there since the last run (--full: read everything again).
          crm status                    The CRM sync's cursors, last runs and write-backs still to send or answer.
          teams-package --app-id <id> --host <public host> [--out aebot-teams.zip]
                        [--privacy-url <url>] [--terms-url <url>]
                                        Write the Teams app package to upload (see README "Connect to Microsoft Teams").
          health [url]                  GET a health endpoint (default http://localhost:5080/health/live): exit 0 when it
                                        answers 2xx, 1 otherwise (the container's health check). Needs no database.
          help                          This text.

        Every command reads the server's configuration: appsettings.json, appsettings.{Environment}.json,
        environment variables (ConnectionStrings__AeBot, Clock__Now, …) and --Key=Value arguments.
        """;
}
