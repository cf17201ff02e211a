namespace AeBot.Core.Text;

/// <summary>Typo distance between words: Damerau-Levenshtein (optimal string alignment), a swap of two letters counting once.</summary>
public static class EditDistance
{
    /// <summary>True when a and b differ by at most <paramref name="max"/> edits.</summary>
    public static bool Within(string a, string b, int max) => Capped(a, b, max) <= max;

    /// <summary>The distance, or <paramref name="cap"/> + 1 as soon as it must exceed the cap (stops early).</summary>
    public static int Capped(string a, string b, int cap)
    {
        if (Math.Abs(a.Length - b.Length) > cap)
            return cap + 1;
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
            if (rowMin > cap)
                return cap + 1;
            (prevPrev, prev, current) = (prev, current, prevPrev);
        }
        return Math.Min(prev[b.Length], cap + 1);
    }
}
