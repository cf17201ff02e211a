namespace AeBot.Core.Organization;

/// <summary>Keeps <see cref="Rep.HierarchyPath"/> consistent with the manager links.</summary>
public static class OrgHierarchy
{
    /// <summary>
    /// Recomputes every rep's path from the manager links. A cycle (A manages B manages A, seen in real CRM
    /// exports) is broken at the rep where it is detected, who is then treated as a top-level rep.
    /// Returns the reps whose path changed.
    /// </summary>
    public static IReadOnlyList<Rep> Recompute(IReadOnlyCollection<Rep> reps)
    {
        var byId = reps.Where(r => r.Id != 0).ToDictionary(r => r.Id);
        var paths = new Dictionary<long, string>();
        var changed = new List<Rep>();

        string PathOf(Rep rep, HashSet<long> visiting)
        {
            if (paths.TryGetValue(rep.Id, out var known))
                return known;
            string parent = "/";
            if (rep.ManagerId is { } managerId && managerId != rep.Id && byId.TryGetValue(managerId, out var manager)
                && visiting.Add(rep.Id))
            {
                parent = visiting.Contains(managerId) ? "/" : PathOf(manager, visiting);
            }
            var path = $"{parent}{rep.Id}/";
            paths[rep.Id] = path;
            return path;
        }

        foreach (var rep in byId.Values)
        {
            var path = PathOf(rep, []);
            if (rep.HierarchyPath != path)
            {
                rep.HierarchyPath = path;
                changed.Add(rep);
            }
        }
        return changed;
    }
}
