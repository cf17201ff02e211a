using System.Diagnostics;
using System.Runtime.InteropServices;

namespace AeBot.Bench;

/// <summary>
/// Cold start of the published command line: each run is a new <c>dotnet aebot.dll …</c> process, timed from
/// Process.Start to its exit (wall) and by the CPU it used (user + system, from getrusage of the reaped child).
/// Beside it, in the same rounds, the floor for any .NET command (an empty console app the bench builds itself)
/// and <c>aebot help</c> (the runtime and aebot.dll, nothing else). Rounds alternate the three commands so a
/// busy moment on the machine touches all of them.
/// </summary>
public static class CliStartBenchmark
{
    private const string Question = "what closes this month?";
    private const double TargetSeconds = 0.5;

    public static async Task<int> RunAsync(int runs, string? published)
    {
        var work = Directory.CreateTempSubdirectory("aebot-clistart-");
        try
        {
            var repository = FindRepository();
            published ??= await PublishAsync(repository, Path.Combine(work.FullName, "aebot"));
            var empty = await BuildEmptyAppAsync(Path.Combine(work.FullName, "empty"));
            var db = Path.Combine(work.FullName, "aebot.db");
            var aebot = Path.Combine(published, "aebot.dll");
            var seed = await RunAsync(["dotnet", aebot, "seed-demo", $"--Storage:SqlitePath={db}"]);
            if (seed.Exit != 0)
                throw new InvalidOperationException($"seed-demo failed: {seed.Error}");

            string[] ask = ["dotnet", aebot, "ask", "--as", "dana.reyes@northwind.example", Question, $"--Storage:SqlitePath={db}"];
            string[][] commands =
            [
                ["dotnet", empty],
                ["dotnet", aebot, "help"],
                [.. ask, "--CommandSocket:Enabled=false"],
                ask,
            ];
            string[] names =
            [
                "baseline: dotnet <empty console app>.dll", "dotnet aebot.dll help", $"ask \"{Question}\" in its own process",
                "the same ask beside a running server",
            ];
            Console.WriteLine($"CLI cold start: {runs} runs each after one warm-up (file cache warm, a new process every run), {Environment.ProcessorCount} cores, load average {LoadAverage()}");
            Console.WriteLine($"  aebot: {published}");

            // The server a deployment runs anyway (Slack, Teams, nudges); `ask` finds it by its settings.
            using var server = new RunningServer(await StartServerAsync(aebot, db));
            var first = await RunAsync(ask);
            if (!first.Output.Contains("open deals", StringComparison.Ordinal))
                throw new InvalidOperationException($"the first ask beside the server failed: {first.Error}{first.Output}");
            Console.WriteLine($"  first ask after the server started (its own first turn): {first.Wall.TotalSeconds:N3} s wall");

            foreach (var command in commands)
            {
                var warm = await RunAsync(command);
                if (warm.Exit != 0)
                    throw new InvalidOperationException($"{string.Join(' ', command)} exited {warm.Exit}: {warm.Error}");
            }
            var wall = commands.Select(_ => new List<double>()).ToArray();
            var cpu = commands.Select(_ => new List<double>()).ToArray();
            for (var round = 0; round < runs; round++)
            {
                for (var i = 0; i < commands.Length; i++)
                {
                    var run = await RunAsync(commands[i], trace: i == 3);
                    if (run.Exit != 0 || (i >= 2 && !run.Output.Contains("open deals", StringComparison.Ordinal)))
                        throw new InvalidOperationException($"{names[i]} failed (exit {run.Exit}): {run.Error}{run.Output}");
                    // The last command must really have been answered by the server, not in its own process.
                    if (i == 3 && !run.Error.Contains("answered by the running server", StringComparison.Ordinal))
                        throw new InvalidOperationException($"{names[i]} was not answered by the server: {run.Error}");
                    wall[i].Add(run.Wall.TotalSeconds);
                    cpu[i].Add(run.Cpu.TotalSeconds);
                }
            }
            Console.WriteLine($"  {"command",-48} {"wall p50",9} {"min",7} {"max",7}   {"CPU p50",8} {"min",7} {"max",7}");
            for (var i = 0; i < commands.Length; i++)
                Console.WriteLine($"  {names[i],-48} {Median(wall[i]),8:N3}s {wall[i].Min(),6:N3}s {wall[i].Max(),6:N3}s   {Median(cpu[i]),7:N3}s {cpu[i].Min(),6:N3}s {cpu[i].Max(),6:N3}s");
            var alone = Median(wall[2]);
            var beside = Median(wall[3]);
            Console.WriteLine($"  ask in its own process / empty app (wall p50): {alone / Median(wall[0]):N1} x; beside a server: {beside / Median(wall[0]):N1} x");
            Console.WriteLine("  (CPU of the ask beside a server is the command's own; the turn's runs in the server)");
            var met = beside <= TargetSeconds;
            Console.WriteLine(met
                ? $"  target met beside a running server: aebot ask p50 {beside:N3} s <= {TargetSeconds} s"
                : $"  target MISSED beside a running server: aebot ask p50 {beside:N3} s > {TargetSeconds} s");
            Console.WriteLine(alone <= TargetSeconds
                ? $"  target met in its own process too: {alone:N3} s"
                : $"  in its own process (no server running): p50 {alone:N3} s, over the {TargetSeconds} s target");
            return met ? 0 : 1;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary><c>aebot serve</c> on a free port, returned once it says it answers commands.</summary>
    private static async Task<Process> StartServerAsync(string aebot, string db)
    {
        var start = new ProcessStartInfo("dotnet", [aebot, "serve", "--urls=http://127.0.0.1:0", $"--Storage:SqlitePath={db}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var server = Process.Start(start)!;
        _ = server.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (await server.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.Contains("Commands beside this server are answered at", StringComparison.Ordinal))
            {
                _ = server.StandardOutput.ReadToEndAsync();
                return server;
            }
        }
        throw new InvalidOperationException("the server stopped before answering commands");
    }

    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "AeBot.sln")))
                return dir.FullName;
        throw new InvalidOperationException("AeBot.sln not found above the bench's folder");
    }

    /// <summary>Exactly the README's publish: <c>dotnet publish src/AeBot -c Release -o DIR</c>.</summary>
    private static async Task<string> PublishAsync(string repository, string output)
    {
        Console.WriteLine($"publishing: dotnet publish src/AeBot -c Release -o {output}");
        var publish = await RunAsync(["dotnet", "publish", Path.Combine(repository, "src", "AeBot"), "-c", "Release", "-o", output, "-v", "quiet", "-nologo"]);
        if (publish.Exit != 0)
            throw new InvalidOperationException($"publish failed: {publish.Output}{publish.Error}");
        return output;
    }

    /// <summary>The floor: a console app whose Main returns at once, built here with the same SDK in Release.</summary>
    private static async Task<string> BuildEmptyAppAsync(string folder)
    {
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "Empty.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>disable</ImplicitUsings>
              </PropertyGroup>
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(folder, "Program.cs"), "return 0;\n");
        // Outside the repository, so its Directory.Build.props and central package versions stay out of it.
        var build = await RunAsync(["dotnet", "build", folder, "-c", "Release", "-o", Path.Combine(folder, "out"), "-v", "quiet", "-nologo"]);
        if (build.Exit != 0)
            throw new InvalidOperationException($"building the empty app failed: {build.Output}{build.Error}");
        return Path.Combine(folder, "out", "Empty.dll");
    }

    private static async Task<(int Exit, string Output, string Error, TimeSpan Wall, TimeSpan Cpu)> RunAsync(string[] command, bool trace = false)
    {
        var start = new ProcessStartInfo(command[0], command[1..])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (trace)
            start.Environment["AEBOT_TRACE_STARTUP"] = "1"; // a few lines to stderr, to see where the answer came from
        var cpuBefore = ChildrenCpu();
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var wall = stopwatch.Elapsed;
        return (process.ExitCode, await output, await error, wall, ChildrenCpu() - cpuBefore);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    // CPU time of the children this process has reaped (the runtime reaps each on exit): the delta around one run is
    // that run's user + system time. struct rusage on 64-bit Linux: ru_utime and ru_stime (two timevals), 14 longs.
    private static TimeSpan ChildrenCpu()
    {
        var usage = new long[18];
        if (!OperatingSystem.IsLinux() || getrusage(RusageChildren, usage) != 0)
            return TimeSpan.Zero;
        return TimeSpan.FromMicroseconds((usage[0] + usage[2]) * 1_000_000 + usage[1] + usage[3]);
    }

    private const int RusageChildren = -1;

    [DllImport("libc", SetLastError = true)]
    private static extern int getrusage(int who, [Out] long[] usage);

    /// <summary>Stops the server however the run ends.</summary>
    private sealed class RunningServer(Process process) : IDisposable
    {
        public void Dispose()
        {
            // SIGTERM, so the server stops as in production and removes its socket; killed if it does not.
            using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                term.WaitForExit();
            if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
                process.Kill(entireProcessTree: true);
            process.Dispose();
        }
    }
}
