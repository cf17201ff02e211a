using AeBot.Core.Organization;

namespace AeBot.Core.Tests.Organization;

public class OrgHierarchyTests
{
    private static Rep R(long id, long? manager) => new() { Id = id, Name = $"r{id}", ManagerId = manager };

    [Fact]
    public void Paths_follow_manager_links_from_the_top()
    {
        var reps = new[] { R(1, null), R(2, 1), R(3, 2), R(4, 2), R(5, null) };
        OrgHierarchy.Recompute(reps);
        Assert.Equal(["/1/", "/1/2/", "/1/2/3/", "/1/2/4/", "/5/"], reps.Select(r => r.HierarchyPath));
    }

    [Fact]
    public void A_managers_subtree_is_every_path_with_its_prefix()
    {
        var reps = new[] { R(1, null), R(2, 1), R(3, 2), R(12, 1), R(21, null) };
        OrgHierarchy.Recompute(reps);
        var manager = reps[1];
        // "/1/2/" must not match "/1/21/" style neighbours: the trailing slash keeps ids apart.
        Assert.Equal([2L, 3L], reps.Where(r => r.HierarchyPath.StartsWith(manager.HierarchyPath)).Select(r => r.Id));
    }

    [Fact]
    public void A_cycle_in_the_export_is_broken_instead_of_looping()
    {
        var reps = new[] { R(1, 2), R(2, 1), R(3, 3) };
        OrgHierarchy.Recompute(reps);
        Assert.All(reps, r => Assert.EndsWith($"/{r.Id}/", r.HierarchyPath));
        Assert.Equal("/3/", reps[2].HierarchyPath);
    }

    [Fact]
    public void Only_changed_reps_are_returned()
    {
        var reps = new[] { R(1, null), R(2, 1) };
        OrgHierarchy.Recompute(reps);
        reps[1].ManagerId = null;
        Assert.Equal([reps[1]], OrgHierarchy.Recompute(reps));
    }
}
