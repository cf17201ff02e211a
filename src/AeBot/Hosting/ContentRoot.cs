namespace AeBot.Hosting;

public static class ContentRoot
{
    /// <summary>
    /// Where appsettings.json is read from: the working directory when it has one (dotnet run, a deployment
    /// folder), else the executable's own folder — so "aebot" works the same from any directory.
    /// </summary>
    public static string Locate()
    {
        var current = Directory.GetCurrentDirectory();
        return File.Exists(Path.Combine(current, "appsettings.json")) ? current : AppContext.BaseDirectory;
    }
}
