namespace Layers;

public sealed partial class Tensor
{
    public static Tensor operator +(Tensor a, Tensor b) => Ops.Add(a, b);
    public static Tensor operator +(Tensor a, double b) => Ops.Add(a, b);
    public static Tensor operator +(double a, Tensor b) => Ops.Add(b, a);

    public static Tensor operator -(Tensor a, Tensor b) => Ops.Subtract(a, b);
    public static Tensor operator -(Tensor a, double b) => Ops.Subtract(a, b);
    public static Tensor operator -(double a, Tensor b) => Ops.Subtract(a, b);

    public static Tensor operator *(Tensor a, Tensor b) => Ops.Multiply(a, b);
    public static Tensor operator *(Tensor a, double b) => Ops.Multiply(a, b);
    public static Tensor operator *(double a, Tensor b) => Ops.Multiply(b, a);

    public static Tensor operator /(Tensor a, Tensor b) => Ops.Divide(a, b);
    public static Tensor operator /(Tensor a, double b) => Ops.Divide(a, b);
    public static Tensor operator /(double a, Tensor b) => Ops.Divide(a, b);

    public static Tensor operator -(Tensor x) => Ops.Negate(x);

    // Ordering comparisons return bool tensors. == and != keep reference equality (as for any class);
    // use Ops.Equal / Ops.NotEqual for element-wise equality.
    public static Tensor operator <(Tensor a, Tensor b) => Ops.Less(a, b);
    public static Tensor operator <(Tensor a, double b) => Ops.Less(a, b);
    public static Tensor operator <(double a, Tensor b) => Ops.Greater(b, a);

    public static Tensor operator >(Tensor a, Tensor b) => Ops.Greater(a, b);
    public static Tensor operator >(Tensor a, double b) => Ops.Greater(a, b);
    public static Tensor operator >(double a, Tensor b) => Ops.Less(b, a);

    public static Tensor operator <=(Tensor a, Tensor b) => Ops.LessEqual(a, b);
    public static Tensor operator <=(Tensor a, double b) => Ops.LessEqual(a, b);
    public static Tensor operator <=(double a, Tensor b) => Ops.GreaterEqual(b, a);

    public static Tensor operator >=(Tensor a, Tensor b) => Ops.GreaterEqual(a, b);
    public static Tensor operator >=(Tensor a, double b) => Ops.GreaterEqual(a, b);
    public static Tensor operator >=(double a, Tensor b) => Ops.LessEqual(b, a);
}
