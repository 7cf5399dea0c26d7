package io.harbormaster.core.reset;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.harbormaster.core.HarbormasterException;
import io.harbormaster.core.api.ApiJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Pattern;

/**
 * Plans as the operator saw them, one JSON file each in {@code reset-plans/}, so {@code --apply ID} acts
 * on exactly that list, even from another process or after a restart. Written whole or not at all.
 */
final class ResetPlanFiles {

    private static final Pattern ID = Pattern.compile("r-[0-9a-f-]{36}");

    private final Path dir;
    private final ObjectMapper json = ApiJson.jsonMapper();

    ResetPlanFiles(Path dir) {
        this.dir = dir;
    }

    void save(ResetPlan plan) {
        try {
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, plan.id(), ".tmp");
            json.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), plan);
            Files.move(temp, file(plan.id()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new HarbormasterException("Cannot save reset plan " + plan.id() + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** @throws UnknownResetPlanException if no plan has that id */
    ResetPlan load(String planId) {
        if (planId == null || !ID.matcher(planId).matches()) {
            throw new UnknownResetPlanException(planId);
        }
        try {
            return json.readValue(file(planId).toFile(), ResetPlan.class);
        } catch (NoSuchFileException | java.io.FileNotFoundException absent) {
            throw new UnknownResetPlanException(planId);
        } catch (IOException e) {
            throw new HarbormasterException("Reset plan " + planId + " in " + dir + " cannot be read (" + e.getMessage()
                    + "); make a new one with reset --dry-run", e);
        }
    }

    private Path file(String planId) {
        return dir.resolve(planId + ".json");
    }
}
