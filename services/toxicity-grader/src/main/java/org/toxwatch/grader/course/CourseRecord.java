package org.toxwatch.grader.course;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.toxwatch.resilience.batch.InList;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/** The grader's copy of a treatment course. */
@Entity
@Table(name = "treatment_course")
public class CourseRecord extends PanacheEntityBase {

    @Id
    @Column(name = "course_id")
    public String courseId;

    @Column(name = "patient_id")
    public String patientId;

    @Column(name = "ctcae_version")
    public String ctcaeVersion;

    @Column(name = "first_cycle_start")
    public LocalDate firstCycleStart;

    /** The treatment-course.v1 message as received. */
    public String course;

    public static Uni<List<CourseRecord>> ofPatient(String patientId) {
        return list("patientId = ?1 order by firstCycleStart", patientId);
    }

    /** The courses of several patients, each patient's by first cycle start. */
    public static Uni<List<CourseRecord>> ofPatients(List<String> patientIds) {
        Map<String, Object> parameters = new HashMap<>();
        return list("patientId in " + InList.of("patient", patientIds, parameters) + " order by patientId, firstCycleStart",
                parameters);
    }
}
