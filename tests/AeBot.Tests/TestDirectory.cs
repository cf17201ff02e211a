namespace AeBot.Tests;

/// <summary>A test host's temporary folder, removed when the host is disposed.</summary>
internal static class TestDirectory
{
    /// <summary>Releases SQLite's pooled file handles, then deletes the folder; a file still held is left to the OS.</summary>
    public static void Delete(DirectoryInfo directory)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            directory.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
