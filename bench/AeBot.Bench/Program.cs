using AeBot.Bench;

// dotnet run -c Release --project bench/AeBot.Bench -- import [rows]
var benchmark = args.Length > 0 ? args[0] : "import";
switch (benchmark)
{
    case "import":
        var rows = args.Length > 1 ? int.Parse(args[1]) : 1_000_000;
        return await ImportBenchmark.RunAsync(rows);
    case "teams":
        return await TeamsBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 3_000, args.Length > 2 ? int.Parse(args[2]) : 8);
    case "slack":
        return await SlackBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 20_000);
    case "turns":
        var opportunities = args.Length > 1 ? int.Parse(args[1]) : 1_000_000;
        return await TurnBenchmark.RunAsync(opportunities);
    case "inbound":
        return await InboundBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 20, args.Length > 2 ? int.Parse(args[2]) : 30);
    case "delivery":
        return await DeliveryBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 10_000);
    case "clistart":
        // clistart [runs] [published folder]: without a folder the bench publishes src/AeBot itself.
        return await CliStartBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 10, args.Length > 2 ? args[2] : null);
    case "crmsync":
        // crmsync [deals]: a full sync of D deals, D/5 companies, D/2 contacts from the fake HubSpot, then 1,000 changes.
        return await CrmSyncBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 100_000);
    case "nudges":
        return await NudgeBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 1_000_000);
    default:
        Console.Error.WriteLine($"unknown benchmark '{benchmark}'. Available: import [rows], turns [opportunities], teams [turns per round], slack [requests per round], inbound [events per second] [seconds], nudges [opportunities], delivery [recipients], clistart [runs] [published folder], crmsync [deals]");
        return 2;
}
