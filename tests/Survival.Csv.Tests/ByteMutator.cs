namespace Survival.Csv.Tests;

/// <summary>The fuzzers' one mutation step: 1–4 random edits of a seed file — a byte replaced from the alphabet, removed,
/// inserted, or (with <c>duplicateLines</c>) the line around a position repeated.</summary>
internal static class ByteMutator
{
    public static byte[] Mutate(byte[] seed, byte[] alphabet, Random random, bool duplicateLines)
    {
        var bytes = new List<byte>(seed);
        int mutations = 1 + random.Next(4);
        for (int m = 0; m < mutations && bytes.Count > 0; m++)
        {
            int at = random.Next(bytes.Count);
            switch (random.Next(duplicateLines ? 4 : 3))
            {
                case 0: bytes[at] = alphabet[random.Next(alphabet.Length)]; break;
                case 1: bytes.RemoveAt(at); break;
                case 2: bytes.Insert(at, alphabet[random.Next(alphabet.Length)]); break;
                default:
                    int start = bytes.LastIndexOf((byte)'\n', at) + 1;
                    int end = bytes.IndexOf((byte)'\n', at);
                    if (end > start) bytes.InsertRange(end + 1, bytes.GetRange(start, end - start + 1));
                    break;
            }
        }
        return bytes.ToArray();
    }
}
