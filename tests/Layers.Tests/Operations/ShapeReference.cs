using Layers.Tests.Support;

namespace Layers.Tests.Operations;

/// <summary>
/// Plain multi-index loops for the shape ops, written from their NumPy definitions and sharing no code
/// with the runtime. Values are carried as doubles, so every dtype is checked through one path.
/// </summary>
internal static class ShapeReference
{
    public static int Ravel(int[] index, int[] shape)
    {
        int flat = 0;
        for (int axis = 0; axis < shape.Length; axis++) flat = flat * shape[axis] + index[axis];
        return flat;
    }

    /// <summary>out[i0, …] = x[i_perm⁻¹…]: output axis k reads input axis perm[k].</summary>
    public static double[] Transpose(double[] x, int[] shape, int[] perm, out int[] outShape)
    {
        outShape = perm.Select(p => shape[p]).ToArray();
        var result = new double[x.Length];
        for (int flat = 0; flat < result.Length; flat++)
        {
            var o = Reference.Unravel(flat, outShape);
            var i = new int[shape.Length];
            for (int k = 0; k < perm.Length; k++) i[perm[k]] = o[k];
            result[flat] = x[Ravel(i, shape)];
        }
        return result;
    }

    public static double[] Slice(double[] x, int[] shape, int[] starts, int[] sizes)
    {
        var result = new double[Reference.Size(sizes)];
        for (int flat = 0; flat < result.Length; flat++)
        {
            var o = Reference.Unravel(flat, sizes);
            var i = o.Select((v, k) => v + starts[k]).ToArray();
            result[flat] = x[Ravel(i, shape)];
        }
        return result;
    }

    /// <summary>Concatenation along axis: the output index's axis coordinate picks the input and its offset.</summary>
    public static double[] Concat(double[][] xs, int[][] shapes, int axis, out int[] outShape)
    {
        outShape = (int[])shapes[0].Clone();
        outShape[axis] = shapes.Sum(s => s[axis]);
        var result = new double[Reference.Size(outShape)];
        for (int flat = 0; flat < result.Length; flat++)
        {
            var o = Reference.Unravel(flat, outShape);
            int which = 0, coordinate = o[axis];
            while (coordinate >= shapes[which][axis]) coordinate -= shapes[which++][axis];
            var i = (int[])o.Clone();
            i[axis] = coordinate;
            result[flat] = xs[which][Ravel(i, shapes[which])];
        }
        return result;
    }

    public static double[] Stack(double[][] xs, int[] shape, int axis, out int[] outShape)
    {
        var list = shape.ToList();
        list.Insert(axis, xs.Length);
        outShape = list.ToArray();
        var result = new double[Reference.Size(outShape)];
        for (int flat = 0; flat < result.Length; flat++)
        {
            var o = Reference.Unravel(flat, outShape).ToList();
            int which = o[axis];
            o.RemoveAt(axis);
            result[flat] = xs[which][Ravel(o.ToArray(), shape)];
        }
        return result;
    }

    /// <summary>out[a…, j…, b…] = x[a…, idx[j…], b…], negative indices wrapped.</summary>
    public static double[] Take(double[] x, int[] shape, long[] indices, int[] indexShape, int axis, out int[] outShape)
    {
        outShape = [.. shape[..axis], .. indexShape, .. shape[(axis + 1)..]];
        var result = new double[Reference.Size(outShape)];
        for (int flat = 0; flat < result.Length; flat++)
        {
            var o = Reference.Unravel(flat, outShape);
            var j = o[axis..(axis + indexShape.Length)];
            long index = indices[Ravel(j, indexShape)];
            if (index < 0) index += shape[axis];
            int[] i = [.. o[..axis], (int)index, .. o[(axis + indexShape.Length)..]];
            result[flat] = x[Ravel(i, shape)];
        }
        return result;
    }

    public static double[] OneHot(long[] indices, int[] shape, int depth, int axis, out int[] outShape)
    {
        var list = shape.ToList();
        list.Insert(axis, depth);
        outShape = list.ToArray();
        var result = new double[Reference.Size(outShape)];
        for (int flat = 0; flat < result.Length; flat++)
        {
            var o = Reference.Unravel(flat, outShape).ToList();
            int cls = o[axis];
            o.RemoveAt(axis);
            result[flat] = indices[Ravel(o.ToArray(), shape)] == cls ? 1 : 0;
        }
        return result;
    }

    /// <summary>Every permutation of 0..rank−1.</summary>
    public static IEnumerable<int[]> Permutations(int rank)
    {
        if (rank == 0)
        {
            yield return [];
            yield break;
        }
        foreach (var rest in Permutations(rank - 1))
            for (int position = 0; position <= rest.Length; position++)
                yield return [.. rest[..position], rank - 1, .. rest[position..]];
    }
}
