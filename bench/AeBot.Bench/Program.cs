using AeBot.Bench;

// dotnet run -c Release --project bench/AeBot.Bench -- import [rows]
var benchmark = args.Length > 0 ? args[0] : "import";
switch (benchmark)
{
    case "import":
        var rows = args.Length > 1 ? int.Parse(args[1]) : 1_000_000;
        return await ImportBenchmark.RunAsync(rows);
    default:
        Console.Error.WriteLine($"unknown benchmark '{benchmark}'. Available: import [rows]");
        return 2;
}
