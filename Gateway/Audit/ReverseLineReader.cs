namespace Natrium.Gateway.Audit;

/// The lines of a file from last to first, read in blocks from the end, so the newest records
/// of a large audit file are found without reading the whole file. A file that vanished
/// (rotated away meanwhile) yields nothing.
internal static class ReverseLineReader
{
    private const int BlockSize = 64 * 1024;

    public static IEnumerable<ReadOnlyMemory<byte>> Lines(string path)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (FileNotFoundException)
        {
            yield break;
        }

        using (stream)
        {
            var position = stream.Length;
            // Bytes after the last newline found so far: the start of a line still to complete.
            var carry = Array.Empty<byte>();
            while (position > 0)
            {
                var size = (int)Math.Min(BlockSize, position);
                position -= size;
                var block = new byte[size + carry.Length];
                stream.Position = position;
                stream.ReadExactly(block, 0, size);
                carry.CopyTo(block, size);
                var end = block.Length;
                for (var i = block.Length - 1; i >= 0; i--)
                {
                    if (block[i] == (byte)'\n')
                    {
                        if (end - i - 1 > 0)
                        {
                            yield return block.AsMemory(i + 1, end - i - 1);
                        }

                        end = i;
                    }
                }

                carry = block[..end];
            }

            if (carry.Length > 0)
            {
                yield return carry;
            }
        }
    }
}
