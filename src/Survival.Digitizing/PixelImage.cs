using SkiaSharp;

namespace Survival.Digitizing;

/// <summary>A decoded image as rows of 24-bit colours, transparency composited over white.</summary>
public sealed class PixelImage
{
    private readonly RgbColor[] _pixels;

    /// <summary>An image from its pixels, row by row from the top-left.</summary>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="pixels">width × height colours, row-major (copied).</param>
    public PixelImage(int width, int height, RgbColor[] pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        if (width <= 0 || height <= 0 || pixels.Length != (long)width * height)
            throw new ArgumentException($"{pixels.Length} pixels do not make a {width} × {height} image", nameof(pixels));
        Width = width;
        Height = height;
        _pixels = (RgbColor[])pixels.Clone();
    }

    private PixelImage(int width, int height, RgbColor[] pixels, bool owned)
    {
        Width = width;
        Height = height;
        _pixels = owned ? pixels : (RgbColor[])pixels.Clone();
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>The colour at column <paramref name="x"/>, row <paramref name="y"/> (0-based from the top-left).</summary>
    public RgbColor this[int x, int y] => _pixels[y * Width + x];

    /// <summary>Decodes a PNG or JPEG file with SkiaSharp.</summary>
    /// <param name="path">The image file.</param>
    /// <exception cref="SurvivalInputException">The file is missing or is not an image SkiaSharp can decode.</exception>
    public static PixelImage Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new SurvivalInputException("the image file does not exist", file: path);
        using var bitmap = SKBitmap.Decode(path)
            ?? throw new SurvivalInputException("the file is not an image that can be decoded (PNG or JPEG)", file: path);
        var pixels = new RgbColor[bitmap.Width * bitmap.Height];
        var source = bitmap.Pixels;
        for (int i = 0; i < pixels.Length; i++)
        {
            var c = source[i];
            double a = c.Alpha / 255.0;
            pixels[i] = new RgbColor(Over(c.Red, a), Over(c.Green, a), Over(c.Blue, a));
        }
        return new PixelImage(bitmap.Width, bitmap.Height, pixels, owned: true);
    }

    private static byte Over(byte channel, double alpha) => (byte)Math.Round(channel * alpha + 255 * (1 - alpha));
}
