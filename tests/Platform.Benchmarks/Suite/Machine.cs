using System.Runtime.InteropServices;

namespace Platform.Benchmarks.Suite;

/// <summary>The machine a result came from, printed with every run: figures mean nothing without it.</summary>
public static class Machine
{
    public static string Describe() =>
        $"{Environment.ProcessorCount} cores ({Read("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString()}), " +
        $"{MemoryGiB():0.0} GiB, {Read("/etc/os-release", "PRETTY_NAME")?.Trim('"') ?? RuntimeInformation.OSDescription}, " +
        $"{RuntimeInformation.FrameworkDescription}, host {Environment.MachineName}";

    private static string? Read(string file, string key) =>
        File.Exists(file)
            ? File.ReadLines(file).Select(line => line.Split(['=', ':'], 2)).Where(pair => pair.Length == 2 && pair[0].Trim() == key)
                .Select(pair => pair[1].Trim()).FirstOrDefault()
            : null;

    private static double MemoryGiB() =>
        Read("/proc/meminfo", "MemTotal") is { } total && double.TryParse(total.Split(' ')[0], out var kib)
            ? kib / 1024 / 1024
            : GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024d / 1024 / 1024;
}
