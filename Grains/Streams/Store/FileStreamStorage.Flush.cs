using Microsoft.Win32.SafeHandles;

namespace Natrium.Grains.Streams.Store;

/// Flushing, handles, blobs and deletion of FileStreamStorage.
internal sealed partial class FileStreamStorage
{
    private readonly List<SegmentFile> _buffered = [];
    private readonly List<SegmentFile> _syncing = [];

    public async ValueTask FlushAsync(bool fsync)
    {
        EnterAsync();
        try
        {
            // Swap the work lists first: appends and deletions made while this flush awaits
            // belong to the next one.
            (_dirty, _spareDirty) = (_spareDirty, _dirty);
            (_deletions, _spareDeletions) = (_spareDeletions, _deletions);
            var dirty = _spareDirty;
            var deletions = _spareDeletions;
            foreach (var file in dirty)
            {
                file.Dirty = false;
                if (!file.Deleted)
                {
                    await WriteAsync(file);
                }
            }

            if (fsync || deletions.Count > 0)
            {
                await SyncAsync();
            }

            foreach (var id in deletions)
            {
                File.Delete(SegmentPath(id));
                _directoryDirty = true;
            }

            if (deletions.Count > 0 && fsync)
            {
                DirectorySync.Sync(Directory);
                _directoryDirty = false;
            }

            ReleaseIdleBuffers(dirty);
        }
        catch
        {
            // Deletions not done are retried by the next flush (deleting twice is harmless).
            _deletions.AddRange(_spareDeletions);
            throw;
        }
        finally
        {
            _spareDirty.Clear();
            _spareDeletions.Clear();
            _busy = false;
        }
    }

    public async ValueTask WriteBlobAsync(string name, ReadOnlyMemory<byte> data)
    {
        EnterAsync();
        try
        {
            await WriteDurablyAsync(BlobPath(name), data);
        }
        finally
        {
            _busy = false;
        }
    }

    public async ValueTask<byte[]?> ReadBlobAsync(string name)
    {
        var path = BlobPath(name);
        return File.Exists(path) ? await File.ReadAllBytesAsync(path) : null;
    }

    public ValueTask DeleteBlobAsync(string name)
    {
        var path = BlobPath(name);
        if (File.Exists(path))
        {
            File.Delete(path);
            DirectorySync.Sync(Directory);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask DeleteAllAsync()
    {
        _readAhead.Forget();
        foreach (var file in _files.Values)
        {
            file.Deleted = true;
            Close(file);
        }

        _files.Clear();
        _dirty.Clear();
        _deletions.Clear();
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }

        return ValueTask.CompletedTask;
    }

    private async ValueTask WriteAsync(SegmentFile file)
    {
        if (file.PendingLength > 0)
        {
            var handle = HandleOf(file);
            file.StartWrite();
            try
            {
                await RandomAccess.WriteAsync(handle, file.InFlight.AsMemory(0, file.InFlightLength), file.InFlightStart);
            }
            catch
            {
                file.AbortWrite();
                MarkDirty(file);
                throw;
            }

            file.EndWrite();
            if (file.Deleted)
            {
                Close(file);
            }
            else if (!_buffered.Contains(file))
            {
                _buffered.Add(file);
            }
        }

        if (file.Overwrites is { } overwrites)
        {
            file.Overwrites = null;
            var handle = HandleOf(file);
            foreach (var (offset, frame) in overwrites)
            {
                await RandomAccess.WriteAsync(handle, frame, offset);
            }

            file.Unsynced = true;
            // A block read meanwhile may hold the bytes just erased.
            _readAhead.Forget(file.Id);
        }
    }

    private async ValueTask SyncAsync()
    {
        // Snapshot: a DeleteSegment while this awaits must not break the enumeration.
        _syncing.Clear();
        foreach (var file in _files.Values)
        {
            if (file.Unsynced && file.InFlight is null)
            {
                _syncing.Add(file);
            }
        }

        foreach (var file in _syncing)
        {
            if (!file.Deleted)
            {
                var handle = HandleOf(file);
                file.Unsynced = false;
                file.Syncing = true;
                try
                {
                    await Task.Run(() => RandomAccess.FlushToDisk(handle));
                }
                finally
                {
                    file.Syncing = false;
                    if (file.Deleted)
                    {
                        Close(file);
                    }
                }
            }
        }

        _syncing.Clear();

        if (_directoryDirty)
        {
            _directoryDirty = false;
            DirectorySync.Sync(Directory);
        }
    }

    // A segment that wrote nothing in this flush has stopped receiving appends (it was sealed):
    // its write buffers go back to the GC so that only the open segment keeps them.
    private void ReleaseIdleBuffers(List<SegmentFile> written)
    {
        for (var i = _buffered.Count - 1; i >= 0; i--)
        {
            var file = _buffered[i];
            if (!written.Contains(file) || file.Deleted)
            {
                file.ReleaseBuffers();
                _buffered.RemoveAt(i);
            }
        }
    }

    private SafeFileHandle HandleOf(SegmentFile file)
    {
        if (file.Handle is { } open)
        {
            return open;
        }

        if (!File.Exists(file.Path))
        {
            System.IO.Directory.CreateDirectory(Directory);
            _directoryDirty = true;
        }

        file.Handle = File.OpenHandle(file.Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        _handles.Add(file);
        if (_handles.Count > MaxOpenHandles)
        {
            // Close the least recently opened handle that no write is using; fsync reopens it.
            var victim = _handles.Find(candidate => candidate != file && candidate.InFlight is null && !candidate.Syncing);
            if (victim is not null)
            {
                Close(victim);
            }
        }

        return file.Handle;
    }

    private void Close(SegmentFile file)
    {
        if (file.Handle is { } handle && file.InFlight is null && !file.Syncing)
        {
            handle.Dispose();
            file.Handle = null;
            _handles.Remove(file);
        }
    }

    private async ValueTask WriteDurablyAsync(string path, ReadOnlyMemory<byte> data)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var temporary = path + TemporarySuffix;
        using (var handle = File.OpenHandle(temporary, FileMode.Create, FileAccess.Write))
        {
            await RandomAccess.WriteAsync(handle, data, 0);
            await Task.Run(() => RandomAccess.FlushToDisk(handle));
        }

        File.Move(temporary, path, overwrite: true);
        DirectorySync.Sync(Directory);
    }

    private string BlobPath(string name)
    {
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-')
            {
                throw new ArgumentException($"blob names are ASCII letters, digits and '-': {name}", nameof(name));
            }
        }

        return Path.Combine(Directory, name + BlobSuffix);
    }

    private void EnterAsync()
    {
        if (_busy)
        {
            throw new InvalidOperationException("another storage operation is still running");
        }

        _busy = true;
    }
}
