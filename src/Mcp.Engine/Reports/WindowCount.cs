namespace Mcp.Engine.Reports;

/// <summary>Running totals of forwards in one window (settled and failed counted apart).</summary>
internal struct WindowCount
{
    public int Settled;
    public int Failed;
    public long VolumeSat;
    public long FeesMsat;

    public void Add(in Snapshots.ForwardEvent forward)
    {
        if (!forward.Success)
        {
            Failed++;
            return;
        }

        Settled++;
        VolumeSat += forward.AmtOutSat;
        FeesMsat += forward.FeeMsat;
    }

    public void Add(in WindowCount other)
    {
        Settled += other.Settled;
        Failed += other.Failed;
        VolumeSat += other.VolumeSat;
        FeesMsat += other.FeesMsat;
    }
}
