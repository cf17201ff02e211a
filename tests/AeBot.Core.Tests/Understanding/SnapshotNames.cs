using System.Text.Json;
using AeBot.Core.Organization;
using AeBot.Core.Sales;

namespace AeBot.Core.Tests.Understanding;

/// <summary>
/// The names of the demo company from a snapshot (Corpus/demo-names.json), with the access rules the data layer
/// applies (a rep sees themself and accounts they own, manage or have a deal on; a manager their subtree; an admin
/// everything), so the parser runs without a database. AeBot.Tests checks the snapshot against the seeded demo.
/// </summary>
public sealed class SnapshotNames : ISalesNames
{
    public sealed record RepEntry(long Id, string Name, string Email, string Role, string Path, long? Team, string Zone);
    public sealed record TeamEntry(long Id, string Name);
    public sealed record AccountEntry(long Id, string Name, long? Owner, long? Manager, long[] DealOwners);
    public sealed record ProductEntry(long Id, string Name);
    public sealed record Snapshot(RepEntry[] Reps, TeamEntry[] Teams, AccountEntry[] Accounts, ProductEntry[] Products, string[] Stages);

    public static readonly Lazy<SnapshotNames> Demo = new(() => Load(Path.Combine(AppContext.BaseDirectory, "Understanding", "Corpus", "demo-names.json")));

    public SnapshotNames(Snapshot data) => Data = data;

    public Snapshot Data { get; }

    public static SnapshotNames Load(string path) =>
        new(JsonSerializer.Deserialize<Snapshot>(File.ReadAllText(path), new JsonSerializerOptions(JsonSerializerDefaults.Web))!);

    public RepEntry Rep(string firstName) => Data.Reps.Single(r => r.Name.Split(' ')[0].Equals(firstName, StringComparison.OrdinalIgnoreCase));

    public Viewer Viewer(RepEntry rep) => new(rep.Id, rep.Name, Enum.Parse<RepRole>(rep.Role), rep.Zone, rep.Path);

    public Task<Viewer?> ViewerAsync(long repId, CancellationToken cancellationToken) =>
        Task.FromResult(Data.Reps.FirstOrDefault(r => r.Id == repId) is { } rep ? Viewer(rep) : null);

    private IEnumerable<RepEntry> Visible(Viewer viewer) => viewer.Role switch
    {
        RepRole.Admin => Data.Reps,
        RepRole.Manager => Data.Reps.Where(r => r.Path.StartsWith(viewer.HierarchyPath, StringComparison.Ordinal)),
        _ => Data.Reps.Where(r => r.Id == viewer.RepId),
    };

    public Task<IReadOnlyList<NamedRef>> VisibleRepsAsync(Viewer viewer, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<NamedRef>>(Visible(viewer).OrderBy(r => r.Name).Select(r => new NamedRef(r.Id, r.Name)).ToList());

    public Task<IReadOnlyList<NamedRef>> TeamAsync(Viewer viewer, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<NamedRef>>(Visible(viewer).Where(r => r.Id != viewer.RepId).OrderBy(r => r.Name).Select(r => new NamedRef(r.Id, r.Name)).ToList());

    public Task<IReadOnlyList<NamedRef>> AllRepsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<NamedRef>>(Data.Reps.OrderBy(r => r.Name).Select(r => new NamedRef(r.Id, r.Name)).ToList());

    public Task<IReadOnlyList<long>> SubtreeAsync(Viewer viewer, long managerId, CancellationToken cancellationToken)
    {
        var path = Data.Reps.FirstOrDefault(r => r.Id == managerId)?.Path;
        return Task.FromResult<IReadOnlyList<long>>(path is null ? [] : Visible(viewer).Where(r => r.Path.StartsWith(path, StringComparison.Ordinal)).Select(r => r.Id).ToList());
    }

    public Task<IReadOnlyList<NamedRef>> SalesTeamsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<NamedRef>>(Data.Teams.Select(t => new NamedRef(t.Id, t.Name)).ToList());

    public Task<IReadOnlyList<long>> TeamMembersAsync(Viewer viewer, long teamId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<long>>(Visible(viewer).Where(r => r.Team == teamId).Select(r => r.Id).ToList());

    public Task<int> TeamSizeAsync(long teamId, CancellationToken cancellationToken) =>
        Task.FromResult(Data.Reps.Count(r => r.Team == teamId));

    public Task<IReadOnlyList<NamedRef>> AllAccountsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<NamedRef>>(Data.Accounts.OrderBy(a => a.Name).Select(a => new NamedRef(a.Id, a.Name)).ToList());

    public Task<IReadOnlySet<long>> VisibleAccountIdsAsync(Viewer viewer, IReadOnlyCollection<long> accountIds, CancellationToken cancellationToken)
    {
        var people = Visible(viewer).Select(r => r.Id).ToHashSet();
        var visible = Data.Accounts.Where(a => accountIds.Contains(a.Id) && (viewer.SeesEverything
                || a.Owner is { } o && people.Contains(o) || a.Manager is { } m && people.Contains(m) || a.DealOwners.Any(people.Contains)))
            .Select(a => a.Id).ToHashSet();
        return Task.FromResult<IReadOnlySet<long>>(visible);
    }

    public Task<IReadOnlyList<NamedRef>> ProductsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<NamedRef>>(Data.Products.OrderBy(p => p.Name).Select(p => new NamedRef(p.Id, p.Name)).ToList());

    public Task<IReadOnlyList<string>> StagesAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<string>>(Data.Stages);
}
