namespace Layers;

/// <summary>
/// Keras' rank alignment between labels, predictions, loss values and weights
/// (<c>squeeze_or_expand_to_same_rank</c>), and the broadcast check losses and metrics share.
/// </summary>
internal static class RankAlignment
{
    /// <summary>
    /// When the ranks differ by exactly one and the longer tensor ends in a size-1 axis, squeeze that axis — except
    /// that a rank-1 partner is expanded instead when <paramref name="expandRank1"/>, so (N,) and (N, 1) meet at (N, 1).
    /// Any other pair is returned as it is (and later broadcasts, as in Keras).
    /// </summary>
    public static (Tensor X1, Tensor X2) SqueezeOrExpand(Tensor x1, Tensor x2, bool expandRank1 = true)
    {
        int rank1 = x1.Rank, rank2 = x2.Rank;
        if (rank1 == rank2 + 1 && x1.Shape[-1] == 1)
        {
            if (rank2 == 1 && expandRank1) x2 = Ops.ExpandDims(x2, -1);
            else x1 = Ops.Squeeze(x1, -1);
        }
        else if (rank2 == rank1 + 1 && x2.Shape[-1] == 1)
        {
            if (rank1 == 1 && expandRank1) x1 = Ops.ExpandDims(x1, -1);
            else x2 = Ops.Squeeze(x2, -1);
        }
        return (x1, x2);
    }

    /// <summary>True when NumPy broadcasting accepts the two shapes (trailing axes aligned, each pair equal or one of them 1).</summary>
    public static bool Broadcastable(Shape a, Shape b)
    {
        for (int i = 1; i <= Math.Min(a.Rank, b.Rank); i++)
        {
            int da = a.Dims[a.Rank - i], db = b.Dims[b.Rank - i];
            if (da != db && da != 1 && db != 1) return false;
        }
        return true;
    }
}
