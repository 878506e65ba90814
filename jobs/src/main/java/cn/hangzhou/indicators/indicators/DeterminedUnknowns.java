package cn.hangzhou.indicators.indicators;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which unknowns of a system of linear equations (sum of coefficient × variable = 0, the known variables' values
 * moved to the right-hand side) follow exactly from the known ones: those whose unit vector lies in the row space
 * of the equations restricted to the unknowns, found by reduced row echelon form.
 */
final class DeterminedUnknowns {

    private static final double TOLERANCE = 1e-9;

    private DeterminedUnknowns() {
    }

    /**
     * @param equations each a map from variable to coefficient
     * @param unknowns  the variables not published
     * @return the unknowns that the equations and the published variables determine exactly
     */
    static Set<Integer> of(List<Map<Integer, Double>> equations, Set<Integer> unknowns) {
        List<Integer> columns = new ArrayList<>(new TreeSet<>(unknowns));
        Map<Integer, Integer> columnOf = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            columnOf.put(columns.get(i), i);
        }
        List<double[]> rows = new ArrayList<>();
        for (Map<Integer, Double> equation : equations) {
            double[] row = new double[columns.size()];
            boolean any = false;
            for (Map.Entry<Integer, Double> term : equation.entrySet()) {
                Integer column = columnOf.get(term.getKey());
                if (column != null) {
                    row[column] += term.getValue();
                    any = true;
                }
            }
            if (any) {
                rows.add(row);
            }
        }
        Set<Integer> determined = new TreeSet<>();
        int pivotRow = 0;
        for (int column = 0; column < columns.size() && pivotRow < rows.size(); column++) {
            int best = -1;
            for (int r = pivotRow; r < rows.size(); r++) {
                if (Math.abs(rows.get(r)[column]) > TOLERANCE && (best < 0 || Math.abs(rows.get(r)[column]) > Math.abs(rows.get(best)[column]))) {
                    best = r;
                }
            }
            if (best < 0) {
                continue;
            }
            double[] pivot = rows.get(best);
            rows.set(best, rows.get(pivotRow));
            rows.set(pivotRow, pivot);
            double scale = pivot[column];
            for (int c = 0; c < pivot.length; c++) {
                pivot[c] /= scale;
            }
            for (int r = 0; r < rows.size(); r++) {
                double[] other = rows.get(r);
                if (r != pivotRow && Math.abs(other[column]) > TOLERANCE) {
                    double factor = other[column];
                    for (int c = 0; c < other.length; c++) {
                        other[c] -= factor * pivot[c];
                    }
                }
            }
            pivotRow++;
        }
        // in reduced form, an unknown is determined exactly when its pivot row has no other non-zero coefficient
        for (int r = 0; r < pivotRow; r++) {
            double[] row = rows.get(r);
            int nonZero = 0;
            int last = -1;
            for (int c = 0; c < row.length; c++) {
                if (Math.abs(row[c]) > TOLERANCE) {
                    nonZero++;
                    last = c;
                }
            }
            if (nonZero == 1) {
                determined.add(columns.get(last));
            }
        }
        return determined;
    }
}
