using AeBot.Core.Sales;
using Microsoft.Extensions.Caching.Memory;

namespace AeBot.Core.Understanding;

/// <summary>
/// The names a viewer may refer to, indexed for matching and cached for a minute: building an index of 50,000
/// accounts on every turn would cost more than answering. A name added by an import is matched within a minute.
/// </summary>
public sealed class NameCatalog(ISalesNames data, IMemoryCache cache)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Who a rep is for access purposes (role, place in the org), cached like the names: a change of team or role
    /// takes effect within a minute. Null (unknown or inactive) is not cached, so a newly added rep works at once.
    /// </summary>
    public async Task<Viewer?> ViewerAsync(long repId, CancellationToken ct)
    {
        var key = $"viewer:{repId}";
        if (cache.TryGetValue(key, out Viewer? viewer) && viewer is not null)
            return viewer;
        viewer = await data.ViewerAsync(repId, ct);
        if (viewer is not null)
            cache.Set(key, viewer, Lifetime);
        return viewer;
    }

    /// <summary>
    /// Drops the cached viewer after their own settings changed (language), so their next turn reads them; other
    /// instances sharing the database catch up within <see cref="Lifetime"/>.
    /// </summary>
    public void ForgetViewer(long repId) => cache.Remove($"viewer:{repId}");

    /// <summary>
    /// Every account, shared by all viewers; what a viewer may see is checked on the few accounts a message names
    /// (<see cref="ISalesNames.VisibleAccountIdsAsync"/>), not by building a catalogue per viewer.
    /// </summary>
    public Task<NameIndex> AccountsAsync(CancellationToken ct) =>
        GetAsync("accounts", async () => await data.AllAccountsAsync(ct));

    public Task<NameIndex> TeamAsync(Viewer viewer, CancellationToken ct) =>
        GetAsync($"team:{viewer.RepId}", async () => await data.TeamAsync(viewer, ct));

    /// <summary>Every active person in the company: names outside the asker's reach must be recognised to be refused.</summary>
    public Task<NameIndex> AllRepsAsync(CancellationToken ct) =>
        GetAsync("reps", async () => await data.AllRepsAsync(ct));

    /// <summary>The named sales teams ("Enterprise", "EMEA").</summary>
    public Task<NameIndex> SalesTeamsAsync(CancellationToken ct) =>
        GetAsync("sales-teams", async () => await data.SalesTeamsAsync(ct));

    /// <summary>The lower-case words of every name in the data: never "corrected" into a keyword.</summary>
    public async Task<IReadOnlySet<string>> ProtectedWordsAsync(CancellationToken ct)
    {
        if (cache.TryGetValue("protected-words", out IReadOnlySet<string>? words) && words is not null)
            return words;
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var index in new[] { await AccountsAsync(ct), await ProductsAsync(ct), await AllRepsAsync(ct), await SalesTeamsAsync(ct), await StagesAsync(ct) })
            set.UnionWith(index.Words);
        cache.Set("protected-words", (IReadOnlySet<string>)set, Lifetime);
        return set;
    }

    /// <summary>Every name written in Thai script (accounts, products, people, teams, stages): read whole, never split.</summary>
    public async Task<IReadOnlyList<string>> ThaiNamesAsync(CancellationToken ct)
    {
        if (cache.TryGetValue("thai-names", out IReadOnlyList<string>? names) && names is not null)
            return names;
        var list = new List<string>();
        foreach (var index in new[] { await AccountsAsync(ct), await ProductsAsync(ct), await AllRepsAsync(ct), await SalesTeamsAsync(ct), await StagesAsync(ct) })
            list.AddRange(index.Names.Select(n => n.Name).Where(Thai.ThaiScript.Contains));
        cache.Set("thai-names", (IReadOnlyList<string>)list, Lifetime);
        return list;
    }

    public Task<NameIndex> ProductsAsync(CancellationToken ct) =>
        GetAsync("products", async () => await data.ProductsAsync(ct));

    public Task<NameIndex> StagesAsync(CancellationToken ct) =>
        GetAsync("stages", async () => (await data.StagesAsync(ct)).Select((s, i) => new NamedRef(i, s)).ToList());

    private async Task<NameIndex> GetAsync(string key, Func<Task<IReadOnlyList<NamedRef>>> load)
    {
        if (cache.TryGetValue(key, out NameIndex? index) && index is not null)
            return index;
        index = new NameIndex(await load());
        cache.Set(key, index, Lifetime);
        return index;
    }
}
