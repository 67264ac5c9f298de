using OpenClaw.Runtime.Activation;
using OpenClaw.Runtime.Telemetry;
using StackExchange.Redis;

namespace OpenClaw.Runtime.Cluster;

/// <content>One placement round.</content>
internal sealed partial class ShardBalancer
{
    private async Task RoundAsync()
    {
        await roundLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (stopping)
            {
                return;
            }

            var tick = Environment.TickCount64;
            DropLapsedShards();
            if (tick - lastHeartbeat >= (long)HeartbeatInterval.TotalMilliseconds)
            {
                await WriteMembershipAsync(SiloStatus.Active).ConfigureAwait(false);
                lastHeartbeat = tick;
            }

            if (tick - lastRenew >= (long)(options.LeaseTtl / 3).TotalMilliseconds)
            {
                await RenewAsync(tick).ConfigureAwait(false);
                lastRenew = tick;
            }

            var db = redis.GetDatabase();
            var membersTask = db.HashGetAllAsync(keys.Members);
            var leasesTask = db.StringGetAsync([.. Enumerable.Range(0, ShardMap.Count).Select(s => (RedisKey)keys.Lease(s))]);
            var live = LiveSilos(await membersTask.ConfigureAwait(false));
            var current = await leasesTask.ConfigureAwait(false);

            var acquire = new List<int>();
            var handOver = new List<int>();
            for (var shard = 0; shard < ShardMap.Count; shard++)
            {
                var holder = ShardTable.LeaseOwner(current[shard]);
                var desired = Rendezvous.Owner(live, shard);
                if (holder is null)
                {
                    freeRounds[shard]++;
                    // The preferred silo takes a free shard at once; if it does not (views differ), anyone does after a few rounds.
                    if (desired == SiloId || freeRounds[shard] >= FreeRoundsBeforeAnyoneTakes)
                    {
                        acquire.Add(shard);
                    }

                    continue;
                }

                freeRounds[shard] = 0;
                if (holder == SiloId && desired is not null && desired != SiloId && handOver.Count < MaxHandoversPerRound)
                {
                    handOver.Add(shard);
                }
            }

            var changed = await AcquireAsync(acquire, tick).ConfigureAwait(false);
            changed |= await HandOverAsync(handOver).ConfigureAwait(false);
            if (changed)
            {
                await AnnounceAsync().ConfigureAwait(false);
                table.RequestRefresh();
            }
        }
        finally
        {
            roundLock.Release();
        }
    }

    private List<string> LiveSilos(HashEntry[] members)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var live = new List<string>();
        foreach (var entry in members)
        {
            var record = SiloRecord.FromJson(entry.Value!);
            if (record is null)
            {
                continue;
            }

            var age = now - record.HeartbeatUnixMs;
            if (record.Status == SiloStatus.Active && age < options.SiloDeadAfter.TotalMilliseconds)
            {
                live.Add(record.SiloId);
            }
            else if (age > ForgetSiloAfter.TotalMilliseconds)
            {
                _ = redis.GetDatabase().HashDeleteAsync(keys.Members, entry.Name, CommandFlags.FireAndForget);
            }
        }

        if (!live.Contains(SiloId))
        {
            live.Add(SiloId);
        }

        return live;
    }

    /// <summary>
    /// Shards whose lease could not be renewed in time (Redis unreachable, a long pause) are no longer served; their
    /// activations go too, so timers and reminders stop while another silo may already own the shard.
    /// </summary>
    private void DropLapsedShards()
    {
        List<int> lapsed;
        lock (held)
        {
            lapsed = [.. held.Keys.Where(s => !table.IsServing(s))];
        }

        if (lapsed.Count > 0)
        {
            LoseShards(lapsed);
        }
    }

    private void LoseShards(List<int> lost)
    {
        foreach (var shard in lost)
        {
            table.StopServing(shard);
        }

        lock (held)
        {
            lost.ForEach(s => held.Remove(s));
        }

        silo.Log.ShardsLost(SiloId, lost.Count);
        var set = lost.ToHashSet();
        _ = silo.Catalog.DeactivateAsync(a => set.Contains(a.Shard), new DeactivationReason(DeactivationReasonCode.Migrating, "lease lost"));
    }

    private async Task RenewAsync(long tick)
    {
        Dictionary<int, long> snapshot;
        lock (held)
        {
            snapshot = new Dictionary<int, long>(held);
        }

        var lost = await leases.RenewAsync(snapshot, options.LeaseTtl).ConfigureAwait(false);
        foreach (var shard in snapshot.Keys.Except(lost))
        {
            Serve(shard, tick);
        }

        if (lost.Count > 0)
        {
            LoseShards(lost);
        }
    }

    private async Task<bool> AcquireAsync(List<int> shards, long tick)
    {
        var taken = await leases.AcquireAsync(shards, options.LeaseTtl).ConfigureAwait(false);
        if (taken.Count == 0)
        {
            return false;
        }

        lock (held)
        {
            foreach (var (shard, epoch) in taken)
            {
                held[shard] = epoch;
                freeRounds[shard] = 0;
            }
        }

        foreach (var shard in taken.Keys)
        {
            Serve(shard, tick);
        }

        RuntimeTelemetry.ShardMoves.Add(taken.Count, new KeyValuePair<string, object?>("direction", "acquired"));
        silo.Log.ShardsAcquired(SiloId, taken.Count);
        return true;
    }

    private async Task<bool> HandOverAsync(List<int> shards)
    {
        if (shards.Count == 0)
        {
            return false;
        }

        var releasing = new Dictionary<int, long>();
        lock (held)
        {
            foreach (var shard in shards)
            {
                if (held.TryGetValue(shard, out var epoch))
                {
                    releasing[shard] = epoch;
                }
            }
        }

        foreach (var shard in releasing.Keys)
        {
            table.StopServing(shard);
        }

        await silo.Catalog.DeactivateAsync(a => releasing.ContainsKey(a.Shard), new DeactivationReason(DeactivationReasonCode.Migrating, "rebalancing")).ConfigureAwait(false);
        await leases.ReleaseAsync(releasing).ConfigureAwait(false);
        lock (held)
        {
            foreach (var shard in releasing.Keys)
            {
                held.Remove(shard);
            }
        }

        RuntimeTelemetry.ShardMoves.Add(releasing.Count, new KeyValuePair<string, object?>("direction", "released"));
        silo.Log.ShardsReleased(SiloId, releasing.Count, "rebalancing");
        return true;
    }
}
