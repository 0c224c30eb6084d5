package org.toxwatch.advisor.course;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A stored treatment course. */
@Entity
@Table(name = "treatment_course")
public class CourseRecord extends PanacheEntityBase {

    @Id
    @Column(name = "course_id")
    public String courseId;

    @Column(name = "patient_id")
    public String patientId;

    /** The treatment-course.v1 message. */
    public String course;

    /** Audit only. */
    @Column(name = "updated_at")
    public Instant updatedAt;
}
