# SPDX-License-Identifier: MIT
# The report's plot: ns/op and instructions/op against the batch size B, one
# line per implementation and mode. Called by report.sh with the variables
# datafile, outfile, series (implementations) and modes (words).
set terminal pngcairo size 1400,560 font ",11"
set output outfile
set multiplot layout 1,2 title "NOP round trips"
set logscale x 2
set xtics (1, 8, 32, 128)
set xrange [0.8:160]
set xlabel "batch size B"
set grid
set key top right
n = words(series)
m = words(modes)
set logscale y
set ylabel "ns per NOP (median, log scale)"
set title "wall time"
plot for [i = 1:n * m] datafile using 1:(column(i + 1)) with linespoints \
  linecolor ((i - 1) % n + 1) dashtype 1 + (i - 1) / n title word(series, (i - 1) % n + 1) . " " . word(modes, (i - 1) / n + 1)
unset logscale y
set yrange [0:*]
set ylabel "user-space instructions per NOP (callgrind)"
set title "instructions"
plot for [i = 1:n * m] datafile using 1:(column(n * m + i + 1)) with linespoints \
  linecolor ((i - 1) % n + 1) dashtype 1 + (i - 1) / n title word(series, (i - 1) % n + 1) . " " . word(modes, (i - 1) / n + 1)
unset multiplot
