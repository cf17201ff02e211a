namespace AeBot.Data.Import;

internal static class EditDistance
{
    /// <summary>True when a and b differ by at most <paramref name="max"/> edits (Damerau: a swap counts once).</summary>
    public static bool Within(string a, string b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max)
            return false;
        var prevPrev = new int[b.Length + 1];
        var prev = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            prev[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(prev[j] + 1, current[j - 1] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    value = Math.Min(value, prevPrev[j - 2] + 1);
                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }
            if (rowMin > max)
                return false;
            (prevPrev, prev, current) = (prev, current, prevPrev);
        }
        return prev[b.Length] <= max;
    }
}
